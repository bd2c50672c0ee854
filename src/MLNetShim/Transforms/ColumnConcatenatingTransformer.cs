using Microsoft.ML.Internal;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Data;

/// <summary>
/// Produces one vector from several columns, in order. The result is dense when every input slot is
/// explicit and sparse otherwise, so concatenating sparse features stays cheap.
/// </summary>
public sealed class ColumnConcatenatingTransformer : RowToRowTransformerBase
{
    internal const string LoaderSignature = "ShimConcat";

    private readonly string _outputColumnName;
    private readonly string[] _inputColumnNames;

    internal ColumnConcatenatingTransformer(IHostEnvironment env, string outputColumnName, params string[] inputColumnNames)
        : base(env.Register(nameof(ColumnConcatenatingTransformer)))
    {
        _outputColumnName = outputColumnName;
        _inputColumnNames = inputColumnNames;
    }

    private protected override void SaveModel(ModelSaveContext ctx)
    {
        ctx.SetLoaderSignature(LoaderSignature);
        ctx.Writer.Write(_outputColumnName);
        ctx.Writer.Write(_inputColumnNames.Length);
        foreach (var name in _inputColumnNames)
            ctx.Writer.Write(name);
    }

    internal static ColumnConcatenatingTransformer Load(IHostEnvironment env, BinaryReader reader)
    {
        string output = reader.ReadString();
        var inputs = new string[reader.ReadInt32()];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = reader.ReadString();
        return new ColumnConcatenatingTransformer(env, output, inputs);
    }

    private protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    private sealed class Mapper : IRowMapper
    {
        private readonly DataViewSchema.Column[] _inputs;
        private readonly PrimitiveDataViewType _itemType;

        internal Mapper(ColumnConcatenatingTransformer parent, DataViewSchema schema)
        {
            InputSchema = schema;
            _inputs = parent._inputColumnNames
                .Select(name => schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{name}' not found"))
                .ToArray();
            _itemType = (PrimitiveDataViewType)ColumnTypeHelpers.ItemTypeOf(_inputs[0].Type);
            int size = 0;
            foreach (var input in _inputs)
            {
                if (!ColumnTypeHelpers.ItemTypeOf(input.Type).Equals(_itemType))
                    throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{input.Name}' has type {input.Type}, but the other inputs have item type {_itemType}.");
                int width = input.Type is VectorDataViewType v ? v.Size : 1;
                size = width == 0 || size < 0 ? -1 : size + width;
            }
            var outputType = new VectorDataViewType(_itemType, Math.Max(size, 0));
            var annotations = new DataViewSchema.Annotations.Builder();
            var slotNames = size > 0 ? SlotNames(_inputs, size) : null;
            if (slotNames != null)
            {
                annotations.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, size),
                    (ref VBuffer<ReadOnlyMemory<char>> dst) => new VBuffer<ReadOnlyMemory<char>>(slotNames.Length, slotNames).CopyTo(ref dst));
            }
            OutputColumns = new[] { new DataViewSchema.DetachedColumn(parent._outputColumnName, outputType, annotations.ToAnnotations()) };
        }

        public DataViewSchema InputSchema { get; }

        public DataViewSchema.DetachedColumn[] OutputColumns { get; }

        public IEnumerable<int> GetInputDependencies(int outputIndex) => _inputs.Select(c => c.Index);

        public Delegate MakeGetter(DataViewRow input, int outputIndex)
            => (Delegate)GenericDispatch.Invoke(typeof(Mapper), nameof(Getter), new[] { _itemType.RawType }, input, _inputs)!;

        /// <summary>Scalars are named after their column; vector slots keep their own slot names when they have them.</summary>
        private static ReadOnlyMemory<char>[]? SlotNames(DataViewSchema.Column[] inputs, int size)
        {
            if (!inputs.Any(c => c.Type is not VectorDataViewType || c.Annotations.Schema.GetColumnOrNull("SlotNames") != null))
                return null;
            var names = new List<ReadOnlyMemory<char>>(size);
            foreach (var input in inputs)
            {
                if (input.Type is not VectorDataViewType vector)
                {
                    names.Add(input.Name.AsMemory());
                    continue;
                }
                var slotColumn = input.Annotations.Schema.GetColumnOrNull("SlotNames");
                var slots = new ReadOnlyMemory<char>[vector.Size];
                if (slotColumn is { Type: VectorDataViewType { ItemType: TextDataViewType } })
                {
                    VBuffer<ReadOnlyMemory<char>> buffer = default;
                    input.Annotations.GetGetter<VBuffer<ReadOnlyMemory<char>>>(slotColumn.Value)(ref buffer);
                    if (buffer.Length == vector.Size)
                        buffer.CopyTo(slots);
                }
                names.AddRange(slots.Select(s => $"{input.Name}.{s}".AsMemory()));
            }
            return names.ToArray();
        }

        private static ValueGetter<VBuffer<T>> Getter<T>(DataViewRow row, DataViewSchema.Column[] inputs)
        {
            var parts = inputs.Select(c => c.Type is VectorDataViewType ? VectorPart<T>(row, c) : ScalarPart<T>(row, c)).ToArray();
            var buffers = new VBuffer<T>[parts.Length];
            return (ref VBuffer<T> result) =>
            {
                int length = 0, explicitCount = 0;
                for (int i = 0; i < parts.Length; i++)
                {
                    parts[i](ref buffers[i]);
                    length += buffers[i].Length;
                    explicitCount += buffers[i].GetValues().Length;
                }
                var editor = VBufferEditor.Create(ref result, length, explicitCount);
                int offset = 0, written = 0;
                bool dense = explicitCount == length;
                foreach (var buffer in buffers)
                {
                    var values = buffer.GetValues();
                    values.CopyTo(editor.Values.Slice(written));
                    if (!dense)
                    {
                        for (int j = 0; j < values.Length; j++)
                            editor.Indices[written + j] = offset + (buffer.IsDense ? j : buffer.GetIndices()[j]);
                    }
                    written += values.Length;
                    offset += buffer.Length;
                }
                result = editor.Commit();
            };
        }

        private static ValueGetter<VBuffer<T>> VectorPart<T>(DataViewRow row, DataViewSchema.Column column)
            => row.GetGetter<VBuffer<T>>(column);

        private static ValueGetter<VBuffer<T>> ScalarPart<T>(DataViewRow row, DataViewSchema.Column column)
        {
            var getter = row.GetGetter<T>(column);
            var single = new T[1];
            return (ref VBuffer<T> dst) =>
            {
                getter(ref single[0]);
                dst = new VBuffer<T>(1, single);
            };
        }
    }
}
