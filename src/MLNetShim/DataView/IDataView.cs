namespace Microsoft.ML;

/// <summary>A lazily evaluated, immutable, cursorable table; the shim's counterpart of ML.NET's central abstraction.</summary>
public interface IDataView
{
    bool CanShuffle { get; }

    DataViewSchema Schema { get; }

    long? GetRowCount();

    DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);

    DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null);
}
