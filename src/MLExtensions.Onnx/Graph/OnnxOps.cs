using MLExtensions.Onnx.Protobuf;

namespace MLExtensions.Onnx.Graph;

/// <summary>
/// The ONNX operators the exporter composes, one method each, so formulas read as formulas. Scalar constants
/// are shared: one initializer per (type, value), broadcast by every elementwise operator.
/// </summary>
internal sealed class OnnxOps
{
    private readonly Dictionary<int, string> _floats = new();
    private readonly Dictionary<long, string> _doubles = new();

    public OnnxOps(OnnxGraphBuilder graph)
    {
        Graph = graph;
    }

    public OnnxGraphBuilder Graph { get; }

    /// <summary>A float scalar constant; equal values (bit for bit) share one initializer.</summary>
    public string Float(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        if (!_floats.TryGetValue(bits, out var name))
            _floats[bits] = name = Graph.FloatScalar("c", value);
        return name;
    }

    public string Double(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        if (!_doubles.TryGetValue(bits, out var name))
            _doubles[bits] = name = Graph.DoubleScalar("d", value);
        return name;
    }

    public string Add(string a, string b, string hint = "sum") => Graph.Node("Add", new[] { a, b }, hint);
    public string Sub(string a, string b, string hint = "difference") => Graph.Node("Sub", new[] { a, b }, hint);
    public string Mul(string a, string b, string hint = "product") => Graph.Node("Mul", new[] { a, b }, hint);
    public string Div(string a, string b, string hint = "quotient") => Graph.Node("Div", new[] { a, b }, hint);
    public string Min(string a, string b, string hint = "min") => Graph.Node("Min", new[] { a, b }, hint);
    public string Max(string a, string b, string hint = "max") => Graph.Node("Max", new[] { a, b }, hint);
    public string Abs(string x) => Graph.Node("Abs", new[] { x }, "abs");
    public string Neg(string x) => Graph.Node("Neg", new[] { x }, "negated");
    public string Exp(string x) => Graph.Node("Exp", new[] { x }, "exp");
    public string Log(string x) => Graph.Node("Log", new[] { x }, "log");
    public string Relu(string x, string hint = "relu") => Graph.Node("Relu", new[] { x }, hint);
    public string Less(string a, string b) => Graph.Node("Less", new[] { a, b }, "less");
    public string Greater(string a, string b, string hint = "greater") => Graph.Node("Greater", new[] { a, b }, hint);
    public string GreaterOrEqual(string a, string b) => Graph.Node("GreaterOrEqual", new[] { a, b }, "greater_or_equal");
    public string Equal(string a, string b) => Graph.Node("Equal", new[] { a, b }, "equal");
    public string IsNaN(string x) => Graph.Node("IsNaN", new[] { x }, "is_nan");
    public string Where(string condition, string whenTrue, string whenFalse, string hint = "selected") =>
        Graph.Node("Where", new[] { condition, whenTrue, whenFalse }, hint);
    public string Identity(string x, string hint) => Graph.Node("Identity", new[] { x }, hint);

    public string Cast(string x, TensorProto.Types.DataType to, string hint = "cast") =>
        Graph.Node("Cast", new[] { x }, hint, OnnxAttribute.Int("to", (long)to));

    /// <summary>x · a + b with a and b constants.</summary>

    public string Reshape(string x, long[] shape, string hint = "reshaped") =>
        Graph.Node("Reshape", new[] { x, Graph.Int64Tensor("shape", shape, shape.Length) }, hint);
}
