using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class DataViewSchema
{
    public sealed class Builder
    {
        private readonly List<(string Name, DataViewType Type, Annotations? Annotations)> _items = new();

        public Builder()
        {
        }

        public void AddColumn(string name, DataViewType type, Annotations? annotations = null)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentNullException(nameof(name));
            ArgumentNullException.ThrowIfNull(type);
            _items.Add((name, type, annotations));
        }

        public void AddColumns(IEnumerable<Column> source)
        {
            foreach (var column in source)
                AddColumn(column.Name, column.Type, column.Annotations);
        }

        public void AddColumns(IEnumerable<DetachedColumn> source)
        {
            foreach (var column in source)
                AddColumn(column.Name, column.Type, column.Annotations);
        }

        public DataViewSchema ToSchema()
        {
            var lastByName = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < _items.Count; i++)
                lastByName[_items[i].Name] = i;
            var columns = new Column[_items.Count];
            for (int i = 0; i < columns.Length; i++)
            {
                var (name, type, annotations) = _items[i];
                columns[i] = new Column(name, i, isHidden: lastByName[name] != i, type, annotations);
            }
            return new DataViewSchema(columns);
        }
    }
}
