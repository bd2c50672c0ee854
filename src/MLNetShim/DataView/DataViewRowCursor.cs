namespace Microsoft.ML;

public abstract class DataViewRowCursor : DataViewRow
{
    public abstract bool MoveNext();
}
