using System.Collections;

namespace Microsoft.ML;

/// <summary>
/// An immutable, ordered list of columns. Several columns may share a name; only the last one is
/// reachable by name and the earlier ones are marked hidden, which is how transforms "replace" a column.
/// </summary>
public sealed partial class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _byName;

    private DataViewSchema(Column[] columns)
    {
        _columns = columns;
        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
            _byName[columns[i].Name] = i;
    }

    public int Count => _columns.Length;

    public Column this[string name]
    {
        get
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentNullException(nameof(name));
            return _byName.TryGetValue(name, out int index)
                ? _columns[index]
                : throw new ArgumentOutOfRangeException(nameof(name), $"Column '{name}' not found");
        }
    }

    public Column this[int columnIndex]
    {
        get
        {
            if (columnIndex < 0 || columnIndex >= _columns.Length)
                throw new ArgumentOutOfRangeException(nameof(columnIndex));
            return _columns[columnIndex];
        }
    }

    public Column? GetColumnOrNull(string name)
    {
        if (string.IsNullOrEmpty(name))
            throw new ArgumentNullException(nameof(name));
        return _byName.TryGetValue(name, out int index) ? _columns[index] : null;
    }

    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Count} columns";
}
