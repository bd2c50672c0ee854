using Microsoft.ML.Data;

namespace Microsoft.ML;

/// <summary>Maps CLR types to the shim's primitive column types (the inverse of <see cref="DataViewType.RawType"/>).</summary>
internal static class ColumnTypeHelpers
{
    internal static PrimitiveDataViewType NumberTypeOf(Type rawType)
        => TryGetPrimitive(rawType) ?? throw new ArgumentException($"No primitive column type for '{rawType}'.", nameof(rawType));

    internal static PrimitiveDataViewType? TryGetPrimitive(Type rawType)
    {
        if (rawType == typeof(float)) return NumberDataViewType.Single;
        if (rawType == typeof(double)) return NumberDataViewType.Double;
        if (rawType == typeof(int)) return NumberDataViewType.Int32;
        if (rawType == typeof(uint)) return NumberDataViewType.UInt32;
        if (rawType == typeof(long)) return NumberDataViewType.Int64;
        if (rawType == typeof(ulong)) return NumberDataViewType.UInt64;
        if (rawType == typeof(short)) return NumberDataViewType.Int16;
        if (rawType == typeof(ushort)) return NumberDataViewType.UInt16;
        if (rawType == typeof(sbyte)) return NumberDataViewType.SByte;
        if (rawType == typeof(byte)) return NumberDataViewType.Byte;
        if (rawType == typeof(bool)) return BooleanDataViewType.Instance;
        if (rawType == typeof(ReadOnlyMemory<char>) || rawType == typeof(string)) return TextDataViewType.Instance;
        if (rawType == typeof(DataViewRowId)) return RowIdDataViewType.Instance;
        return null;
    }

    /// <summary>The item type of a vector column, or the type itself for scalars.</summary>
    internal static DataViewType ItemTypeOf(DataViewType type) => type is VectorDataViewType v ? v.ItemType : type;
}
