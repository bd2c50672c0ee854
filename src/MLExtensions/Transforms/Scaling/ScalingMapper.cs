using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;
using MLExtensions.Transforms.Mapping;

namespace MLExtensions.Transforms;

/// <summary>
/// Adds one float (or dense float vector) column per <see cref="ColumnScaling"/>, computed when read. Vector
/// outputs are dense even for sparse inputs: a shifted zero is no longer zero.
/// </summary>
internal sealed class ScalingMapper : ColumnMapper
{
    private readonly ColumnScaling[] _scalings;
    private readonly FloatColumn[] _inputs;
    private readonly DataViewSchema.DetachedColumn[] _outputs;

    public ScalingMapper(DataViewSchema inputSchema, IReadOnlyList<ColumnScaling> scalings, string operation)
        : base(inputSchema)
    {
        _scalings = scalings.ToArray();
        _inputs = _scalings
            .Select(s => FloatColumn.Rebind(inputSchema, s.InputColumnName, $"{operation} input", nameof(inputSchema), s.Size, s.IsVector))
            .ToArray();
        _outputs = new DataViewSchema.DetachedColumn[_scalings.Length];
        for (int i = 0; i < _scalings.Length; i++)
        {
            var input = _inputs[i].Column;
            var annotations = new DataViewSchema.Annotations.Builder();
            if (_scalings[i].IsVector)
                annotations.Add(input.Annotations, kind => kind == ColumnAnnotations.SlotNames);
            _outputs[i] = new DataViewSchema.DetachedColumn(_scalings[i].OutputColumnName, input.Type, annotations.ToAnnotations());
        }
    }

    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

    public override IEnumerable<DataViewSchema.Column> Dependencies(IReadOnlyList<bool> activeOutputs)
    {
        for (int i = 0; i < _inputs.Length; i++)
            if (activeOutputs[i])
                yield return _inputs[i].Column;
    }

    public override Delegate?[] CreateGetters(DataViewRow input, IReadOnlyList<bool> activeOutputs)
    {
        var getters = new Delegate?[_scalings.Length];
        for (int i = 0; i < getters.Length; i++)
            if (activeOutputs[i])
                getters[i] = _scalings[i].IsVector ? VectorGetter(input, i) : ScalarGetter(input, i);
        return getters;
    }

    private ValueGetter<float> ScalarGetter(DataViewRow input, int index)
    {
        var reader = _inputs[index].CreateReader(input, "scored");
        var apply = _scalings[index].Apply;
        // Per-getter buffers: a getter belongs to one cursor, which ML.NET reads from one thread.
        var source = new float[1];
        var result = new float[1];
        return (ref float value) =>
        {
            reader.Read(source, input.Position);
            apply(source, result);
            value = result[0];
        };
    }

    private ValueGetter<VBuffer<float>> VectorGetter(DataViewRow input, int index)
    {
        var reader = _inputs[index].CreateReader(input, "scored");
        var apply = _scalings[index].Apply;
        var dense = new float[_scalings[index].Size];
        return (ref VBuffer<float> value) =>
        {
            reader.Read(dense, input.Position);
            var editor = VBufferEditor.Create(ref value, dense.Length);
            apply(dense, editor.Values);
            value = editor.Commit();
        };
    }
}
