namespace Microsoft.ML.Data;

public abstract class PrimitiveDataViewType : DataViewType
{
    protected PrimitiveDataViewType(Type rawType)
        : base(rawType)
    {
        // Primitive values are copied freely between rows; a disposable raw type would leak.
        if (typeof(IDisposable).IsAssignableFrom(rawType))
            throw new ArgumentException("A PrimitiveDataViewType cannot have a disposable RawType", nameof(rawType));
    }
}
