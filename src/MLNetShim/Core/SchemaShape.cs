using System.Collections;
using Microsoft.ML.Data;

namespace Microsoft.ML;

/// <summary>
/// The schema an estimator expects or produces before any data exists (types without sizes or values).
/// Columns are built only through the internal constructor, as in ML.NET; <see cref="Create"/> is internal too.
/// </summary>
public sealed partial class SchemaShape : IReadOnlyList<SchemaShape.Column>
{
    private readonly Column[] _columns;

    public SchemaShape(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
    }

    public int Count => _columns.Length;

    public Column this[int index] => _columns[index];

    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static void GetColumnTypeShape(DataViewType type, out Column.VectorKind vecKind, out DataViewType itemType, out bool isKey)
    {
        if (type is VectorDataViewType vector)
        {
            vecKind = vector.IsKnownSize ? Column.VectorKind.Vector : Column.VectorKind.VariableVector;
            itemType = vector.ItemType;
        }
        else
        {
            vecKind = Column.VectorKind.Scalar;
            itemType = type;
        }
        isKey = itemType is KeyDataViewType;
        // Shapes forget key cardinality: a key shape only says "key of this raw type".
        if (isKey)
            itemType = ColumnTypeHelpers.NumberTypeOf(itemType.RawType);
    }

    internal static SchemaShape Create(DataViewSchema schema)
    {
        var columns = new List<Column>();
        foreach (var column in schema)
        {
            if (column.IsHidden)
                continue;
            GetColumnTypeShape(column.Type, out var kind, out var itemType, out bool isKey);
            var annotations = new List<Column>();
            foreach (var annotation in column.Annotations.Schema)
            {
                GetColumnTypeShape(annotation.Type, out var aKind, out var aItem, out bool aKey);
                annotations.Add(new Column(annotation.Name, aKind, aItem, aKey));
            }
            columns.Add(new Column(column.Name, kind, itemType, isKey, new SchemaShape(annotations)));
        }
        return new SchemaShape(columns);
    }

    internal bool TryFindColumn(string name, out Column column)
    {
        for (int i = _columns.Length - 1; i >= 0; i--)
        {
            if (_columns[i].Name == name)
            {
                column = _columns[i];
                return true;
            }
        }
        column = default;
        return false;
    }
}
