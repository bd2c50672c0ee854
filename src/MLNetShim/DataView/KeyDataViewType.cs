namespace Microsoft.ML.Data;

/// <summary>
/// Categorical values stored as unsigned integers: 0 means missing, 1..Count are the keys.
/// </summary>
public sealed class KeyDataViewType : PrimitiveDataViewType
{
    public KeyDataViewType(Type type, ulong count)
        : base(type)
    {
        if (!IsValidDataType(type))
            throw new ArgumentException("Type is not valid, it must be Byte, UInt16, UInt32, or UInt64.", nameof(type));
        if (count == 0 || count > MaxValueOf(type))
            throw new ArgumentOutOfRangeException(nameof(count), $"The cardinality of a KeyDataViewType must be positive and not exceed {type.Name}.MaxValue.");
        Count = count;
    }

    public KeyDataViewType(Type type, int count)
        : this(type, count > 0 ? (ulong)count : throw new ArgumentOutOfRangeException(nameof(count), "The cardinality of a KeyDataViewType must be strictly positive."))
    {
    }

    public ulong Count { get; }

    public static bool IsValidDataType(Type type)
        => type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong);

    public override bool Equals(DataViewType? other)
        => other is KeyDataViewType key && key.RawType == RawType && key.Count == Count;

    public override bool Equals(object? other) => other is DataViewType type && Equals(type);

    public override int GetHashCode() => HashCode.Combine(RawType, Count);

    public override string ToString() => $"Key<{RawType.Name}, 0-{Count - 1}>";

    private static ulong MaxValueOf(Type type)
        => type == typeof(byte) ? byte.MaxValue
        : type == typeof(ushort) ? ushort.MaxValue
        : type == typeof(uint) ? uint.MaxValue
        : ulong.MaxValue;
}
