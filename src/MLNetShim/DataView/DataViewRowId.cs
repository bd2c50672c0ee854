namespace Microsoft.ML.Data;

/// <summary>
/// 128-bit row identity. Only uniqueness matters to consumers, so Fork/Next/Combine use the shim's own
/// mixing (not ML.NET's exact bit pattern); ids are never persisted across the two builds.
/// </summary>
public readonly struct DataViewRowId : IComparable<DataViewRowId>, IEquatable<DataViewRowId>
{
    public readonly ulong Low;

    public readonly ulong High;

    public DataViewRowId(ulong low, ulong high)
    {
        Low = low;
        High = high;
    }

    public override string ToString() => $"{High:x16}{Low:x16}";

    public int CompareTo(DataViewRowId other)
    {
        int byHigh = High.CompareTo(other.High);
        return byHigh != 0 ? byHigh : Low.CompareTo(other.Low);
    }

    public bool Equals(DataViewRowId other) => Low == other.Low && High == other.High;

    public override bool Equals(object? obj) => obj is DataViewRowId other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Low, High);

    public DataViewRowId Fork() => Mix(1);

    public DataViewRowId Next() => Mix(0);

    public DataViewRowId Combine(DataViewRowId other)
    {
        var forked = other.Fork();
        var mixed = Mix(forked.Low ^ 0x9E3779B97F4A7C15UL);
        return new DataViewRowId(mixed.Low ^ forked.High, mixed.High + forked.Low);
    }

    private DataViewRowId Mix(ulong salt)
    {
        ulong low = Scramble(Low ^ salt ^ BitRotate(High, 31));
        ulong high = Scramble(High + low + 0x52DCE729UL);
        return new DataViewRowId(low, high);
    }

    private static ulong BitRotate(ulong x, int r) => (x << r) | (x >> (64 - r));

    private static ulong Scramble(ulong k)
    {
        k ^= k >> 33;
        k *= 0xFF51AFD7ED558CCDUL;
        k ^= k >> 33;
        k *= 0xC4CEB9FE1A85EC53UL;
        k ^= k >> 33;
        return k;
    }
}
