using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class DataViewSchema
{
    public sealed partial class Annotations
    {
        public sealed class Builder
        {
            private readonly List<(string Name, DataViewType Type, Delegate Getter, Annotations? Annotations)> _items = new();

            public Builder()
            {
            }

            public void Add(Annotations annotations, Func<string, bool> selector)
            {
                if (annotations is null)
                    return;
                ArgumentNullException.ThrowIfNull(selector);
                foreach (var column in annotations.Schema)
                {
                    if (selector(column.Name))
                        _items.Add((column.Name, column.Type, annotations.GetGetterInternal(column.Index), column.Annotations));
                }
            }

            public void Add<TValue>(string name, DataViewType type, ValueGetter<TValue> getter, Annotations? annotations = null)
            {
                CheckNameAndType(name, type);
                ArgumentNullException.ThrowIfNull(getter);
                if (type.RawType != typeof(TValue))
                    throw new ArgumentException($"type.RawType must be of type '{typeof(TValue).FullName}'.", nameof(type));
                _items.Add((name, type, getter, annotations));
            }

            public void Add(string name, DataViewType type, Delegate getter, Annotations? annotations = null)
            {
                CheckNameAndType(name, type);
                ArgumentNullException.ThrowIfNull(getter);
                var expected = typeof(ValueGetter<>).MakeGenericType(type.RawType);
                if (!expected.IsInstanceOfType(getter))
                    throw new ArgumentException($"getter must be of type '{expected.FullName}'", nameof(getter));
                _items.Add((name, type, getter, annotations));
            }

            public void AddPrimitiveValue<TValue>(string name, PrimitiveDataViewType type, TValue value, Annotations? annotations = null)
            {
                CheckNameAndType(name, type);
                if (type.RawType != typeof(TValue))
                    throw new ArgumentException($"type.RawType must be of type '{typeof(TValue).FullName}'.", nameof(type));
                Add(name, type, (ref TValue destination) => destination = value, annotations);
            }

            public Annotations ToAnnotations()
            {
                var schema = new DataViewSchema.Builder();
                foreach (var item in _items)
                    schema.AddColumn(item.Name, item.Type, item.Annotations);
                return new Annotations(schema.ToSchema(), _items.Select(i => i.Getter).ToArray());
            }

            private static void CheckNameAndType(string name, DataViewType type)
            {
                if (string.IsNullOrEmpty(name))
                    throw new ArgumentNullException(nameof(name));
                ArgumentNullException.ThrowIfNull(type);
            }
        }
    }
}
