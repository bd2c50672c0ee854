namespace Microsoft.ML.Data;

/// <summary>Marks an unsigned integer member as a key column of the given cardinality.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class KeyTypeAttribute : Attribute
{
    // ML.NET rejects a count-less key type at attribute construction; the shim does the same.
    public KeyTypeAttribute()
    {
        throw new NotSupportedException("Using KeyType without the Count parameter is not supported");
    }

    public KeyTypeAttribute(ulong count)
    {
        Count = count;
    }

    internal ulong Count { get; }
}
