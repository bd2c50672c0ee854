using System.Collections.Immutable;
using System.Text;

namespace Microsoft.ML.Data;

/// <summary>A vector column (raw type <see cref="VBuffer{T}"/>); Size 0 means variable length.</summary>
public sealed class VectorDataViewType : StructuredDataViewType
{
    public VectorDataViewType(PrimitiveDataViewType itemType, int size = 0)
        : base(VBufferTypeOf(itemType))
    {
        if (size < 0)
            throw new ArgumentOutOfRangeException(nameof(size));
        ItemType = itemType;
        Size = size;
        Dimensions = size > 0 ? ImmutableArray.Create(size) : ImmutableArray.Create(0);
    }

    public VectorDataViewType(PrimitiveDataViewType itemType, params int[] dimensions)
        : this(itemType, ToDimensions(dimensions))
    {
    }

    public VectorDataViewType(PrimitiveDataViewType itemType, ImmutableArray<int> dimensions)
        : base(VBufferTypeOf(itemType))
    {
        if (dimensions.IsDefaultOrEmpty)
            throw new ArgumentException("At least one dimension is required.", nameof(dimensions));
        if (dimensions.Any(d => d < 0))
            throw new ArgumentOutOfRangeException(nameof(dimensions));
        ItemType = itemType;
        Dimensions = dimensions;
        // Any unknown dimension makes the whole vector variable-length.
        Size = dimensions.Any(d => d == 0) ? 0 : checked(dimensions.Aggregate(1, (a, d) => a * d));
    }

    public ImmutableArray<int> Dimensions { get; }

    public bool IsKnownSize => Size > 0;

    public PrimitiveDataViewType ItemType { get; }

    public int Size { get; }

    public override bool Equals(DataViewType? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        return other is VectorDataViewType vector
            && vector.ItemType.Equals(ItemType)
            && vector.Size == Size
            && vector.Dimensions.SequenceEqual(Dimensions);
    }

    public override bool Equals(object? other) => other is DataViewType type && Equals(type);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ItemType);
        hash.Add(Size);
        foreach (int d in Dimensions)
            hash.Add(d);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = new StringBuilder("Vector<").Append(ItemType);
        if (Dimensions.Length == 1)
        {
            if (Size > 0)
                text.Append(", ").Append(Size);
        }
        else
        {
            foreach (int d in Dimensions)
                text.Append(", ").Append(d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "*");
        }
        return text.Append('>').ToString();
    }

    private static Type VBufferTypeOf(PrimitiveDataViewType itemType)
    {
        ArgumentNullException.ThrowIfNull(itemType);
        return typeof(VBuffer<>).MakeGenericType(itemType.RawType);
    }

    private static ImmutableArray<int> ToDimensions(int[] dimensions)
    {
        if (dimensions is null || dimensions.Length == 0)
            throw new ArgumentException("At least one dimension is required.", nameof(dimensions));
        return ImmutableArray.Create(dimensions);
    }
}
