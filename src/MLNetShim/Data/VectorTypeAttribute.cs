namespace Microsoft.ML.Data;

/// <summary>Marks an array (or VBuffer) member as a vector column, optionally of fixed dimensions.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class VectorTypeAttribute : Attribute
{
    public VectorTypeAttribute()
    {
        Dims = Array.Empty<int>();
    }

    public VectorTypeAttribute(int size)
    {
        if (size < 0)
            throw new ArgumentOutOfRangeException(nameof(size), "Should be non-negative");
        Dims = size > 0 ? new[] { size } : Array.Empty<int>();
    }

    public VectorTypeAttribute(params int[] dimensions)
    {
        if (dimensions is null || dimensions.Any(d => d < 0))
            throw new ArgumentOutOfRangeException(nameof(dimensions), "Should be non-negative");
        Dims = dimensions;
    }

    internal int[] Dims { get; }
}
