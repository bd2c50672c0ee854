using System.Reflection;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Onnx.Protobuf;
using MLExtensions.Trainers;
using MLExtensions.Transforms;

namespace MLExtensions.Onnx.Graph;

/// <summary>
/// Turns a fitted chain of transformers into one ONNX model. Columns flow as graph values: a column a step reads
/// is the value an earlier step wrote, or else a graph input taken from the input schema; every column the chain
/// writes leaves the graph as an output under its ML.NET name (with ML.NET's ".output" suffix when that name is
/// also an input's, since ONNX names each value once and ApplyOnnxModel strips the suffix).
/// </summary>
internal sealed class PipelineGraph
{
    /// <summary>
    /// ONNX operator set 13: the lowest in which every operator used here has its present meaning (Softmax over
    /// one axis rather than flattened trailing axes, Clip's bounds as inputs, ArgMax's select_last_index) and
    /// which every ONNX Runtime since 1.6 (2020) runs. Nothing newer is needed: GELU and Mish are composed from
    /// elementary operators to follow the engine's formulas, so the newer Gelu (20) and Mish (18) operators
    /// would only narrow the runtimes that can load the file.
    /// </summary>
    public const int OpsetVersion = 13;

    /// <summary>ONNX IR version 7, the one that goes with operator set 13.</summary>
    private const long IrVersion = 7;

    private readonly OnnxGraphBuilder _graph = new("MLExtensions");
    private readonly OnnxOps _ops;
    private readonly OnnxLayout _layout;
    private readonly PredictedLabelForm _labelForm;
    private readonly Dictionary<string, OnnxColumn> _columns = new(StringComparer.Ordinal);
    private readonly List<string> _written = new();
    private readonly HashSet<string> _inputs = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Value)> _metadata = new();
    private readonly DataViewSchema _inputSchema;
    private DataViewSchema _schema;
    private bool _usesMLDomain;

    private PipelineGraph(DataViewSchema inputSchema, OnnxLayout layout, PredictedLabelForm labelForm)
    {
        _ops = new OnnxOps(_graph);
        _inputSchema = _schema = inputSchema;
        _layout = layout;
        _labelForm = labelForm;
    }

    public static ModelProto Build(ITransformer model, DataViewSchema inputSchema, OnnxLayout layout, PredictedLabelForm labelForm)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        var builder = new PipelineGraph(inputSchema, layout, labelForm);
        var steps = PipelineSteps.Flatten(model).ToList();
        if (steps.Count == 0)
            throw new ArgumentException("The model has no transformers, so there is nothing to export.", nameof(model));
        for (int i = 0; i < steps.Count; i++)
            builder.Add(steps[i], i);
        return builder.ToModel();
    }

    private void Add(ITransformer step, int index)
    {
        var outputSchema = step.GetOutputSchema(_schema);
        switch (step)
        {
            case MlpTransformerBase mlp:
                AddMlp(mlp, outputSchema);
                break;
            default:
                if (!ScalingGraph.TryAdd(_ops, step, name => Read(name, step, index), Write))
                    throw new NotSupportedException(
                        $"Step {index} of the pipeline is a {step.GetType().Name}, which MLExtensions.Onnx cannot express in ONNX. It exports " +
                        "the MLP transformers, Standardize, ScaleMinMax and their inverses; " +
                        "export the scoring part of a pipeline (for example without a MapValueToKey on the label), or use " +
                        "ConvertToMLNetModel, which keeps ML.NET's own transformers as they are.");
                break;
        }
        _schema = outputSchema;
    }

    private void AddMlp(MlpTransformerBase mlp, DataViewSchema outputSchema)
    {
        var features = Read(mlp.FeatureColumnName, mlp, -1);
        ClassValues? classes = null;
        if (mlp is MlpMulticlassTransformer)
        {
            classes = ClassValues.Read(outputSchema["PredictedLabel"]);
            if (classes is not null)
            {
                _metadata.Add(("PredictedLabel.KeyValues", JsonSerializer.Serialize(classes.Names)));
                if (_layout == OnnxLayout.SingleRow)
                    AddSlotNames("Score", classes.Names);
            }
        }
        foreach (var (name, column) in MlpGraph.Apply(_ops, mlp, features, classes, _labelForm))
            Write(name, column);
    }

    /// <summary>
    /// The node ML.NET's OnnxTransformer reads slot names from: named "mlnet.{column}.SlotNames", holding them in a
    /// "keys_strings" attribute. It is a LabelEncoder over the names themselves, so the graph stays valid ONNX.
    /// </summary>
    private void AddSlotNames(string column, IEnumerable<string> names)
    {
        var list = names.ToList();
        var table = OnnxTypes.Tensor(TextDataViewType.Instance, list.Cast<object>().ToList());
        string keys = _graph.Tensor("slot_names", table);
        var node = new NodeProto { OpType = "LabelEncoder", Domain = "ai.onnx.ml", Name = _graph.Reserve($"mlnet.{column}.SlotNames") };
        node.Input.Add(keys);
        node.Output.Add(_graph.Fresh("slot_name_indices"));
        node.Attribute.Add(OnnxAttribute.Strings("keys_strings", list));
        node.Attribute.Add(OnnxAttribute.Ints("values_int64s", Enumerable.Range(0, list.Count).Select(i => (long)i).ToArray()));
        node.Attribute.Add(OnnxAttribute.Int("default_int64", -1));
        _graph.Graph.Node.Add(node);
        _usesMLDomain = true;
    }

    /// <summary>The value of column <paramref name="name"/>: written earlier in the graph, or a new graph input.</summary>
    private OnnxColumn Read(string name, ITransformer reader, int index)
    {
        if (_columns.TryGetValue(name, out var column))
            return column;
        var source = _inputSchema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name),
            $"The {reader.GetType().Name} reads the column '{name}', which neither the input schema nor an exported step provides.");
        var (size, isVector) = source.Type switch
        {
            VectorDataViewType { ItemType: NumberDataViewType n, IsKnownSize: true } v when n == NumberDataViewType.Single => (v.Size, true),
            NumberDataViewType n when n == NumberDataViewType.Single => (1, false),
            _ => throw new NotSupportedException(
                $"The input column '{name}' holds {source.Type}; the exported graph reads Single (float) scalars and known-size vectors of them."),
        };
        _inputs.Add(name);
        string value;
        if (_layout == OnnxLayout.Batch)
        {
            _graph.AddInput(name, TensorProto.Types.DataType.Float, isVector ? new[] { OnnxDimension.Batch, size } : new[] { OnnxDimension.Batch });
            value = isVector ? name : _ops.Reshape(name, new long[] { -1, 1 }, $"{name}_rows");
        }
        else
        {
            _graph.AddInput(name, TensorProto.Types.DataType.Float, size);
            value = _ops.Reshape(name, new long[] { 1, size }, $"{name}_row");
        }
        column = new OnnxColumn(value, size, isVector, TensorProto.Types.DataType.Float);
        _columns[name] = column;
        return column;
    }

    private void Write(string name, OnnxColumn column)
    {
        _columns[name] = column;
        _written.Remove(name);
        _written.Add(name);
    }

    private ModelProto ToModel()
    {
        foreach (string name in _written)
        {
            var column = _columns[name];
            string outputName = _inputs.Contains(name) || _graph.IsTaken(name) ? $"{name}.output" : name;
            long[] shape = (_layout, column.IsVector) switch
            {
                (OnnxLayout.Batch, true) => new long[] { -1, column.Size },
                (OnnxLayout.Batch, false) => new long[] { -1 },
                (OnnxLayout.SingleRow, true) => new long[] { column.Size },
                // Not rank 0: ML.NET 5.0.1's OnnxTransformer cannot read a rank-0 output (its scalar getter fails), so a
                // scalar column leaves a single-row graph as one value, which ML.NET reads as a vector of size 1.
                _ => new long[] { 1 },
            };
            var dims = shape.Select(d => d < 0 ? OnnxDimension.Batch : new OnnxDimension(d)).ToArray();
            string shaped = _ops.Reshape(column.Value, shape, $"{name}_shaped");
            _graph.AddOutput(shaped, outputName, column.ElementType, dims);
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "MLExtensions",
            ProducerVersion = typeof(PipelineGraph).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            Graph = _graph.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        if (_usesMLDomain)
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = 2 });
        foreach (var (key, value) in _metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }
}
