using Microsoft.ML.Data;

namespace Microsoft.ML;

public abstract class DataViewRow : IDisposable
{
    public abstract long Position { get; }

    public abstract long Batch { get; }

    public abstract DataViewSchema Schema { get; }

    public abstract ValueGetter<DataViewRowId> GetIdGetter();

    public abstract bool IsColumnActive(DataViewSchema.Column column);

    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
