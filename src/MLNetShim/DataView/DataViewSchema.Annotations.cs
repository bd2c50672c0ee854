using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class DataViewSchema
{
    /// <summary>
    /// Per-column metadata ("KeyValues", "SlotNames", ...): a one-row table described by its own schema,
    /// with one getter per annotation kind.
    /// </summary>
    public sealed partial class Annotations
    {
        private readonly Delegate[] _getters;

        internal Annotations(DataViewSchema schema, Delegate[] getters)
        {
            if (schema.Count != getters.Length)
                throw new ArgumentException("One getter per annotation column is required.", nameof(getters));
            for (int i = 0; i < getters.Length; i++)
            {
                var expected = typeof(ValueGetter<>).MakeGenericType(schema[i].Type.RawType);
                if (getters[i] is null)
                    throw new ArgumentNullException(nameof(getters), $"Delegate at index '{i}' of getters was null.");
                if (!expected.IsInstanceOfType(getters[i]))
                    throw new ArgumentException($"Getter of type '{expected}' expected, but {getters[i].GetType()} found", nameof(getters));
            }
            Schema = schema;
            _getters = getters;
        }

        public DataViewSchema Schema { get; }

        public static Annotations Empty { get; } = new(new DataViewSchema(Array.Empty<Column>()), Array.Empty<Delegate>());

        public ValueGetter<TValue> GetGetter<TValue>(Column column)
        {
            if (column.Index >= _getters.Length)
                throw new ArgumentException(nameof(column));
            return _getters[column.Index] as ValueGetter<TValue>
                ?? throw new InvalidOperationException("Invalid call to 'GetGetter'");
        }

        public void GetValue<TValue>(string kind, ref TValue value)
        {
            var column = Schema.GetColumnOrNull(kind)
                ?? throw new InvalidOperationException("Invalid call to 'GetValue'");
            GetGetter<TValue>(column)(ref value);
        }

        public override string ToString() => string.Join(", ", Schema.Select(c => c.Name));

        internal Delegate GetGetterInternal(int index) => _getters[index];
    }
}
