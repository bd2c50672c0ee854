namespace Microsoft.ML.Data;

public abstract class StructuredDataViewType : DataViewType
{
    protected StructuredDataViewType(Type rawType)
        : base(rawType)
    {
    }
}
