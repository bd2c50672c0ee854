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
    private readonly ScalingInput[] _inputs;
    private readonly DataViewSchema.DetachedColumn[] _outputs;

    public ScalingMapper(DataViewSchema inputSchema, IReadOnlyList<ColumnScaling> scalings, string operation)
        : base(inputSchema)
    {
        _scalings = scalings.ToArray();
        _inputs = _scalings
            .Select(s => ScalingInput.Rebind(inputSchema, s.InputColumnName, operation, s.Size, s.IsVector))
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
        var read = input.GetGetter<float>(_inputs[index].Column);
        var apply = _scalings[index].Apply;
        return (ref float value) =>
        {
            float source = 0;
            read(ref source);
            Span<float> result = stackalloc float[1];
            apply(new ReadOnlySpan<float>(in source), result);
            value = result[0];
        };
    }

    private ValueGetter<VBuffer<float>> VectorGetter(DataViewRow input, int index)
    {
        var read = input.GetGetter<VBuffer<float>>(_inputs[index].Column);
        var apply = _scalings[index].Apply;
        int size = _scalings[index].Size;
        string name = _inputs[index].Column.Name;
        // Per-getter buffers: a getter belongs to one cursor, which ML.NET reads from one thread.
        var source = default(VBuffer<float>);
        var dense = new float[size];
        return (ref VBuffer<float> value) =>
        {
            read(ref source);
            if (source.Length != size)
                throw new InvalidOperationException($"A row of column '{name}' has {source.Length} values where its type declares {size}.");
            source.CopyTo(dense);
            var editor = VBufferEditor.Create(ref value, size);
            apply(dense, editor.Values);
            value = editor.Commit();
        };
    }
}
