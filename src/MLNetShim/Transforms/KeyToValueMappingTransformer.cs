using Microsoft.ML.Data;
using Microsoft.ML.Internal;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Transforms;

/// <summary>Key k becomes KeyValues[k - 1]; key 0 (missing) becomes the type's missing value (NaN, empty text, default).</summary>
public sealed class KeyToValueMappingTransformer : OneToOneTransformerBase
{
    internal const string LoaderSignature = "ShimKeyToValue";

    internal KeyToValueMappingTransformer(IHostEnvironment env, string outputColumnName, string? inputColumnName = null)
        : base(env.Register(nameof(KeyToValueMappingTransformer)), (outputColumnName, inputColumnName ?? outputColumnName))
    {
    }

    private KeyToValueMappingTransformer(IHostEnvironment env, (string, string)[] columns)
        : base(env.Register(nameof(KeyToValueMappingTransformer)), columns)
    {
    }

    private protected override void SaveModel(ModelSaveContext ctx)
    {
        ctx.SetLoaderSignature(LoaderSignature);
        ctx.Writer.Write(ColumnPairs.Length);
        foreach (var (output, input) in ColumnPairs)
        {
            ctx.Writer.Write(output);
            ctx.Writer.Write(input);
        }
    }

    internal static KeyToValueMappingTransformer Load(IHostEnvironment env, BinaryReader reader)
    {
        var columns = new (string, string)[reader.ReadInt32()];
        for (int i = 0; i < columns.Length; i++)
            columns[i] = (reader.ReadString(), reader.ReadString());
        return new KeyToValueMappingTransformer(env, columns);
    }

    private protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    private sealed class Mapper : IRowMapper
    {
        private readonly DataViewSchema.Column[] _inputs;
        private readonly DataViewSchema.Column[] _keyValues;

        internal Mapper(KeyToValueMappingTransformer parent, DataViewSchema schema)
        {
            InputSchema = schema;
            int n = parent.ColumnPairs.Length;
            _inputs = new DataViewSchema.Column[n];
            _keyValues = new DataViewSchema.Column[n];
            OutputColumns = new DataViewSchema.DetachedColumn[n];
            for (int i = 0; i < n; i++)
            {
                var (outputName, inputName) = parent.ColumnPairs[i];
                var input = FindInput(schema, inputName);
                if (ColumnTypeHelpers.ItemTypeOf(input.Type) is not KeyDataViewType key)
                    throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{inputName}' has type {input.Type}, but a key is required.");
                var keyValues = input.Annotations.Schema.GetColumnOrNull("KeyValues");
                if (keyValues?.Type is not VectorDataViewType valuesType || (ulong)valuesType.Size != key.Count)
                    throw new ArgumentOutOfRangeException(nameof(schema), $"Key column '{inputName}' has no KeyValues annotation matching its {key.Count} keys.");
                _inputs[i] = input;
                _keyValues[i] = keyValues.Value;

                var annotations = new DataViewSchema.Annotations.Builder();
                if (input.Type is VectorDataViewType)
                    annotations.Add(input.Annotations, kind => kind == "SlotNames");
                var outputType = input.Type is VectorDataViewType vector
                    ? new VectorDataViewType(valuesType.ItemType, vector.Dimensions)
                    : (DataViewType)valuesType.ItemType;
                OutputColumns[i] = new DataViewSchema.DetachedColumn(outputName, outputType, annotations.ToAnnotations());
            }
        }

        public DataViewSchema InputSchema { get; }

        public DataViewSchema.DetachedColumn[] OutputColumns { get; }

        public IEnumerable<int> GetInputDependencies(int outputIndex) => new[] { _inputs[outputIndex].Index };

        public Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            var column = _inputs[outputIndex];
            var valuesType = (VectorDataViewType)_keyValues[outputIndex].Type;
            var keyRaw = ColumnTypeHelpers.ItemTypeOf(column.Type).RawType;
            return (Delegate)GenericDispatch.Invoke(typeof(Mapper),
                column.Type is VectorDataViewType ? nameof(VectorGetter) : nameof(ScalarGetter),
                new[] { keyRaw, valuesType.ItemType.RawType }, input, column, _keyValues[outputIndex])!;
        }

        private static TValue[] ReadValues<TValue>(DataViewSchema.Column input, DataViewSchema.Column keyValues)
        {
            VBuffer<TValue> values = default;
            input.Annotations.GetGetter<VBuffer<TValue>>(keyValues)(ref values);
            return RawValues.ToDenseArray(values);
        }

        private static TValue Lookup<TValue>(TValue[] values, ulong key)
            => key == 0 || key > (ulong)values.Length ? RawValues.MissingValue<TValue>() : values[key - 1];

        private static ValueGetter<TValue> ScalarGetter<TKey, TValue>(DataViewRow row, DataViewSchema.Column column, DataViewSchema.Column keyValues)
        {
            var values = ReadValues<TValue>(column, keyValues);
            var source = row.GetGetter<TKey>(column);
            TKey key = default!;
            return (ref TValue value) =>
            {
                source(ref key);
                value = Lookup(values, Convert.ToUInt64(key, System.Globalization.CultureInfo.InvariantCulture));
            };
        }

        private static ValueGetter<VBuffer<TValue>> VectorGetter<TKey, TValue>(DataViewRow row, DataViewSchema.Column column, DataViewSchema.Column keyValues)
        {
            var values = ReadValues<TValue>(column, keyValues);
            var source = row.GetGetter<VBuffer<TKey>>(column);
            VBuffer<TKey> keys = default;
            return (ref VBuffer<TValue> result) =>
            {
                source(ref keys);
                var editor = VBufferEditor.Create(ref result, keys.Length);
                int i = 0;
                foreach (var key in keys.DenseValues())
                    editor.Values[i++] = Lookup(values, Convert.ToUInt64(key, System.Globalization.CultureInfo.InvariantCulture));
                result = editor.Commit();
            };
        }
    }
}
