namespace Microsoft.ML.Data;

/// <summary>Describes a column's type; <see cref="RawType"/> is the CLR type its getters produce.</summary>
public abstract class DataViewType : IEquatable<DataViewType>
{
    // private protected: only the shim's own type hierarchy may derive directly, as in ML.NET.
    private protected DataViewType(Type rawType)
    {
        RawType = rawType ?? throw new ArgumentNullException(nameof(rawType));
    }

    public Type RawType { get; }

    public abstract bool Equals(DataViewType? other);
}
