using MLExtensions.Onnx.Protobuf;

namespace MLExtensions.Onnx.Graph;

/// <summary>
/// Builds one ONNX graph in static single assignment: every value gets a fresh name (a readable hint plus a
/// counter when the hint is taken), each node appends in topological order because a node can only name
/// values that already exist, and constants go in as initializers.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string graphName)
    {
        _graph = new GraphProto { Name = graphName };
    }

    public GraphProto Graph => _graph;

    /// <summary>Reserves <paramref name="name"/> exactly, e.g. for a graph input or output; it must be free.</summary>
    public string Reserve(string name)
    {
        if (!_names.Add(name))
            throw new InvalidOperationException($"The ONNX value name '{name}' is already used in this graph.");
        return name;
    }

    public bool IsTaken(string name) => _names.Contains(name);

    /// <summary>A fresh value name starting with <paramref name="hint"/>.</summary>
    public string Fresh(string hint)
    {
        if (_names.Add(hint))
            return hint;
        for (int i = 1; ; i++)
        {
            string candidate = $"{hint}_{i}";
            if (_names.Add(candidate))
                return candidate;
        }
    }

    /// <summary>Appends a node with one output and returns that output's name.</summary>
    public string Node(string opType, IEnumerable<string> inputs, string outputHint, params AttributeProto[] attributes) =>
        NodeIn("", opType, inputs, outputHint, attributes);

    /// <summary>As <see cref="Node"/>, for an operator of another domain (e.g. "ai.onnx.ml").</summary>
    public string NodeIn(string domain, string opType, IEnumerable<string> inputs, string outputHint, params AttributeProto[] attributes)
    {
        string output = Fresh(outputHint);
        var node = new NodeProto { OpType = opType, Domain = domain, Name = Fresh($"{opType}_node") };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>Appends a node whose output has exactly the name <paramref name="output"/> (reserved by the caller's naming).</summary>
    public void NodeWithOutput(string opType, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        Reserve(output);
        var node = new NodeProto { OpType = opType, Name = Fresh($"{opType}_node") };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
    }

    public string FloatTensor(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = NewTensor(hint, TensorProto.Types.DataType.Float, dims, values.Length);
        tensor.FloatData.AddRange(values.ToArray());
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string FloatScalar(string hint, float value) => FloatTensor(hint, new[] { value });

    public string DoubleTensor(string hint, ReadOnlySpan<double> values, params long[] dims)
    {
        var tensor = NewTensor(hint, TensorProto.Types.DataType.Double, dims, values.Length);
        tensor.DoubleData.AddRange(values.ToArray());
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string DoubleScalar(string hint, double value) => DoubleTensor(hint, new[] { value });

    public string Int64Tensor(string hint, ReadOnlySpan<long> values, params long[] dims)
    {
        var tensor = NewTensor(hint, TensorProto.Types.DataType.Int64, dims, values.Length);
        tensor.Int64Data.AddRange(values.ToArray());
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An initializer of any element type whose values are given as a ready-filled tensor.</summary>
    public string Tensor(string hint, TensorProto tensor)
    {
        tensor.Name = Fresh(hint);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public void AddInput(string name, TensorProto.Types.DataType elementType, params OnnxDimension[] shape) =>
        _graph.Input.Add(ValueInfo(Reserve(name), elementType, shape));

    /// <summary>Declares <paramref name="value"/> a graph output named <paramref name="name"/> (an Identity node renames it).</summary>
    public void AddOutput(string value, string name, TensorProto.Types.DataType elementType, params OnnxDimension[] shape)
    {
        NodeWithOutput("Identity", new[] { value }, name);
        _graph.Output.Add(ValueInfo(name, elementType, shape));
    }

    private TensorProto NewTensor(string hint, TensorProto.Types.DataType type, long[] dims, int count)
    {
        long expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
            throw new InvalidOperationException($"The constant '{hint}' has {count} values for dimensions [{string.Join(", ", dims)}].");
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)type };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType elementType, OnnxDimension[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dimension in shape)
            tensorShape.Dim.Add(dimension.Symbol is { } symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = dimension.Size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = tensorShape } },
        };
    }
}
