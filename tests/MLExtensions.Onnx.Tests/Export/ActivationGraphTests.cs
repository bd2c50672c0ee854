using Google.Protobuf;
using MLExtensions.Engine.Activations;
using MLExtensions.Onnx.Graph;
using MLExtensions.Onnx.Protobuf;
using MLExtensions.Onnx.Tests.Support;

namespace MLExtensions.Onnx.Tests.Export;

/// <summary>
/// Each activation's ONNX nodes, run by ONNX Runtime, against the engine's own Forward on arguments chosen to
/// reach every branch and tail: tiny ones (where expm1, log1p and tanh lose precision if evaluated naively), the
/// series/exponential switch of expm1 at ±0.5, the clamps and kinks, and large ones.
/// </summary>
public class ActivationGraphTests
{
    private static readonly float[] Arguments = BuildArguments();

    private static float[] BuildArguments()
    {
        var values = new List<float> { 0f, -0f, 1e-7f, -1e-7f, 1e-4f, -1e-4f, 0.3f, -0.3f, 0.4999f, -0.4999f, 0.5f, -0.5f, 0.5001f, -0.5001f,
            1f, -1f, 2.9f, -2.9f, 3f, -3f, 3.1f, -3.1f, 5f, -5f, 8f, -8f, 10f, -10f, 19.9f, 20f, 20.1f, -20f, 30f, -30f, 80f, -80f };
        var random = new Random(7);
        for (int i = 0; i < 200; i++)
            values.Add((float)((random.NextDouble() * 2 - 1) * 6));
        return values.ToArray();
    }

    public static TheoryData<string> Activations
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Activation.KnownNames)
                data.Add(name);
            data.Add("leaky_relu:0.05");
            data.Add("elu:0.7");
            return data;
        }
    }

    private static Activation Create(string spec)
    {
        var parts = spec.Split(':');
        return parts[0] switch
        {
            "leaky_relu" when parts.Length > 1 => new LeakyRelu(double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)),
            "elu" when parts.Length > 1 => new Elu(double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)),
            _ => Activation.FromName(parts[0]),
        };
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void OnnxRuntimeComputesTheEnginesActivation(string spec)
    {
        var activation = Create(spec);
        var graph = new OnnxGraphBuilder("activation");
        var ops = new OnnxOps(graph);
        graph.AddInput("x", TensorProto.Types.DataType.Float, OnnxDimension.Batch, 1);
        graph.AddOutput(ActivationGraph.Apply(ops, activation, "x"), "y", TensorProto.Types.DataType.Float, OnnxDimension.Batch, 1);
        var model = new ModelProto { IrVersion = 7, Graph = graph.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = PipelineGraph.OpsetVersion });

        var expected = new float[Arguments.Length];
        activation.Forward(Arguments, expected);
        var actual = (float[])OnnxRunner.Run(model.ToByteArray(), new Dictionary<string, float[][]> { ["x"] = Arguments.Select(a => new[] { a }).ToArray() })["y"];

        for (int i = 0; i < Arguments.Length; i++)
        {
            float e = expected[i], a = actual[i];
            // Relative agreement everywhere, down to the smallest normal floats (the tails of sigmoid, GELU and softplus).
            Assert.True(Math.Abs(a - e) <= 1e-5 * Math.Abs(e) + 1e-37, $"{spec}({Arguments[i]:R}): engine {e:R}, ONNX {a:R}");
        }
    }
}
