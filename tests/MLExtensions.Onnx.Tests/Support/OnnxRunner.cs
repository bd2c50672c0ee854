using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLExtensions.Onnx.Tests.Support;

/// <summary>Runs an ONNX model in ONNX Runtime on a batch of float rows and returns every output.</summary>
internal static class OnnxRunner
{
    public static Dictionary<string, Array> Run(byte[] model, IReadOnlyDictionary<string, float[][]> inputs)
    {
        using var session = new InferenceSession(model);
        var values = new List<NamedOnnxValue>();
        foreach (var (name, rows) in inputs)
        {
            var metadata = session.InputMetadata[name];
            int size = rows[0].Length;
            var shape = metadata.Dimensions.Length == 1 ? new[] { rows.Length } : new[] { rows.Length, size };
            values.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(rows.SelectMany(r => r).ToArray(), shape)));
        }
        using var results = session.Run(values);
        return results.ToDictionary(r => r.Name, r => r.Value switch
        {
            Tensor<float> t => (Array)t.ToArray(),
            Tensor<bool> t => t.ToArray(),
            Tensor<uint> t => t.ToArray(),
            Tensor<long> t => t.ToArray(),
            Tensor<string> t => t.ToArray(),
            var other => throw new InvalidOperationException($"Output {r.Name} has an unexpected type {other?.GetType()}."),
        });
    }

    public static float[][] Rows(float[] flat, int width) =>
        Enumerable.Range(0, flat.Length / width).Select(i => flat.AsSpan(i * width, width).ToArray()).ToArray();
}
