namespace Microsoft.ML.Data;

/// <summary>Singletons per numeric CLR type, so reference equality is type equality (as in ML.NET).</summary>
public sealed class NumberDataViewType : PrimitiveDataViewType
{
    private NumberDataViewType(Type rawType)
        : base(rawType)
    {
    }

    public static NumberDataViewType SByte { get; } = new(typeof(sbyte));

    public static NumberDataViewType Byte { get; } = new(typeof(byte));

    public static NumberDataViewType Int16 { get; } = new(typeof(short));

    public static NumberDataViewType UInt16 { get; } = new(typeof(ushort));

    public static NumberDataViewType Int32 { get; } = new(typeof(int));

    public static NumberDataViewType UInt32 { get; } = new(typeof(uint));

    public static NumberDataViewType Int64 { get; } = new(typeof(long));

    public static NumberDataViewType UInt64 { get; } = new(typeof(ulong));

    public static NumberDataViewType Single { get; } = new(typeof(float));

    public static NumberDataViewType Double { get; } = new(typeof(double));

    public override bool Equals(DataViewType? other) => ReferenceEquals(this, other);

    public override string ToString() => RawType.Name;
}
