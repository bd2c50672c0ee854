using Microsoft.ML.Data;
using Microsoft.ML.Internal;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Transforms;

/// <summary>Maps values to 1-based uint keys using the learned dictionaries; unseen and missing values become 0.</summary>
public sealed class ValueToKeyMappingTransformer : OneToOneTransformerBase
{
    internal const string LoaderSignature = "ShimValueToKey";

    private readonly ValueToKeyColumn[] _columns;
    private readonly KeyTermMap[] _maps;

    internal ValueToKeyMappingTransformer(IHost host, ValueToKeyColumn[] columns, KeyTermMap[] maps)
        : base(host, columns.Select(c => (c.OutputColumnName, c.InputColumnName)).ToArray())
    {
        _columns = columns;
        _maps = maps;
    }

    private protected override void SaveModel(ModelSaveContext ctx)
    {
        ctx.SetLoaderSignature(LoaderSignature);
        ctx.Writer.Write(_columns.Length);
        for (int i = 0; i < _columns.Length; i++)
        {
            var c = _columns[i];
            ctx.Writer.Write(c.OutputColumnName);
            ctx.Writer.Write(c.InputColumnName);
            ctx.Writer.Write(c.MaximumNumberOfKeys);
            ctx.Writer.Write((byte)c.KeyOrdinality);
            ctx.Writer.Write(c.AddKeyValueAnnotationsAsText);
            _maps[i].Write(ctx.Writer);
        }
    }

    internal static ValueToKeyMappingTransformer Load(IHostEnvironment env, BinaryReader reader)
    {
        int count = reader.ReadInt32();
        var columns = new ValueToKeyColumn[count];
        var maps = new KeyTermMap[count];
        for (int i = 0; i < count; i++)
        {
            columns[i] = new ValueToKeyColumn(reader.ReadString(), reader.ReadString(), reader.ReadInt32(),
                (ValueToKeyMappingEstimator.KeyOrdinality)reader.ReadByte(), reader.ReadBoolean());
            maps[i] = KeyTermMap.Read(reader);
        }
        return new ValueToKeyMappingTransformer(env.Register(nameof(ValueToKeyMappingTransformer)), columns, maps);
    }

    private protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    private sealed class Mapper : IRowMapper
    {
        private readonly ValueToKeyMappingTransformer _parent;
        private readonly DataViewSchema.Column[] _inputs;

        internal Mapper(ValueToKeyMappingTransformer parent, DataViewSchema schema)
        {
            _parent = parent;
            InputSchema = schema;
            _inputs = new DataViewSchema.Column[parent._columns.Length];
            OutputColumns = new DataViewSchema.DetachedColumn[parent._columns.Length];
            for (int i = 0; i < _inputs.Length; i++)
            {
                var map = parent._maps[i];
                var input = FindInput(schema, parent._columns[i].InputColumnName);
                if (!ColumnTypeHelpers.ItemTypeOf(input.Type).Equals(map.ItemType))
                    throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{input.Name}' has type {input.Type}, but the key dictionary was learned from {map.ItemType}.");
                _inputs[i] = input;

                var annotations = new DataViewSchema.Annotations.Builder();
                if (input.Type is VectorDataViewType)
                    annotations.Add(input.Annotations, kind => kind == "SlotNames");
                map.AddKeyValues(annotations, parent._columns[i].AddKeyValueAnnotationsAsText);
                var outputType = input.Type is VectorDataViewType vector
                    ? new VectorDataViewType(map.KeyType, vector.Dimensions)
                    : (DataViewType)map.KeyType;
                OutputColumns[i] = new DataViewSchema.DetachedColumn(parent._columns[i].OutputColumnName, outputType, annotations.ToAnnotations());
            }
        }

        public DataViewSchema InputSchema { get; }

        public DataViewSchema.DetachedColumn[] OutputColumns { get; }

        public IEnumerable<int> GetInputDependencies(int outputIndex) => new[] { _inputs[outputIndex].Index };

        public Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            var column = _inputs[outputIndex];
            var map = _parent._maps[outputIndex];
            return (Delegate)GenericDispatch.Invoke(typeof(Mapper),
                column.Type is VectorDataViewType ? nameof(VectorGetter) : nameof(ScalarGetter),
                new[] { map.ItemType.RawType }, input, column, map)!;
        }

        private static ValueGetter<uint> ScalarGetter<T>(DataViewRow row, DataViewSchema.Column column, KeyTermMap map)
        {
            var source = row.GetGetter<T>(column);
            T value = default!;
            return (ref uint key) =>
            {
                source(ref value);
                key = map.KeyOf(RawValues.Normalize(value));
            };
        }

        private static ValueGetter<VBuffer<uint>> VectorGetter<T>(DataViewRow row, DataViewSchema.Column column, KeyTermMap map)
        {
            var source = row.GetGetter<VBuffer<T>>(column);
            VBuffer<T> value = default;
            return (ref VBuffer<uint> keys) =>
            {
                source(ref value);
                var editor = VBufferEditor.Create(ref keys, value.Length);
                int i = 0;
                foreach (var item in value.DenseValues())
                    editor.Values[i++] = map.KeyOf(RawValues.Normalize(item));
                keys = editor.Commit();
            };
        }
    }
}
