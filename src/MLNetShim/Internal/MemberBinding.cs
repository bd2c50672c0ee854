using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.Internal;

/// <summary>
/// One public field or property of a user row type bound to a column: its name (ColumnName attribute or
/// member name) and type (VectorType/KeyType attributes applied), plus reflection accessors.
/// </summary>
internal sealed class MemberBinding
{
    private readonly Func<object, object?>? _get;
    private readonly Action<object, object?>? _set;

    private MemberBinding(MemberInfo member, Type memberType, string columnName, DataViewType columnType,
        Func<object, object?>? get, Action<object, object?>? set)
    {
        Member = member;
        MemberType = memberType;
        ColumnName = columnName;
        ColumnType = columnType;
        _get = get;
        _set = set;
    }

    internal MemberInfo Member { get; }

    internal Type MemberType { get; }

    internal string ColumnName { get; }

    internal DataViewType ColumnType { get; }

    /// <summary>Item CLR type of the member: T for T, T[] and VBuffer&lt;T&gt;.</summary>
    internal Type MemberItemType => VectorItemOf(MemberType) ?? MemberType;

    internal object? GetValue(object row) => _get!(row);

    internal void SetValue(object row, object? value) => _set!(row, value);

    /// <summary>Public instance fields first, then properties, as ML.NET orders them; NoColumn members are skipped.</summary>
    internal static MemberBinding[] For(Type rowType, bool read, bool write)
    {
        var bindings = new List<MemberBinding>();
        foreach (var field in rowType.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (field.IsDefined(typeof(NoColumnAttribute), true) || (write && field.IsInitOnly))
                continue;
            bindings.Add(Create(field, field.FieldType, field.GetValue, field.SetValue));
        }
        foreach (var property in rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.IsDefined(typeof(NoColumnAttribute), true) || property.GetIndexParameters().Length > 0)
                continue;
            bool canRead = property.GetGetMethod() != null;
            bool canWrite = property.GetSetMethod() != null;
            if ((read && !canRead) || (write && !canWrite))
                continue;
            bindings.Add(Create(property, property.PropertyType,
                canRead ? property.GetValue : null,
                canWrite ? property.SetValue : null));
        }
        var duplicate = bindings.GroupBy(b => b.ColumnName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new InvalidOperationException($"More than one member of '{rowType}' maps to column '{duplicate.Key}'.");
        return bindings.ToArray();
    }

    /// <summary>The same member with the column type (and name) taken from an explicit schema.</summary>
    internal MemberBinding WithColumnType(DataViewType type)
    {
        var item = ColumnTypeHelpers.ItemTypeOf(type);
        if (RawItemOf(MemberItemType) != item.RawType || (type is VectorDataViewType) != (VectorItemOf(MemberType) != null))
            throw new ArgumentOutOfRangeException(nameof(type), $"Member '{Member.Name}' of type {MemberType} cannot hold column '{ColumnName}' of type {type}.");
        return new MemberBinding(Member, MemberType, ColumnName, type, _get, _set);
    }

    /// <summary>Whether a value of the column type can be stored in this member.</summary>
    internal bool Accepts(DataViewType type)
        => (type is VectorDataViewType) == (VectorItemOf(MemberType) != null)
            && ColumnTypeHelpers.ItemTypeOf(type).RawType == RawItemOf(MemberItemType);

    internal static Type RawItemOf(Type clrItem) => clrItem == typeof(string) ? typeof(ReadOnlyMemory<char>) : clrItem;

    private static Type? VectorItemOf(Type type)
    {
        if (type.IsArray && type.GetArrayRank() == 1)
            return type.GetElementType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(VBuffer<>))
            return type.GetGenericArguments()[0];
        return null;
    }

    private static MemberBinding Create(MemberInfo member, Type memberType, Func<object, object?>? get, Action<object, object?>? set)
    {
        string columnName = member.GetCustomAttribute<ColumnNameAttribute>(true)?.Name ?? member.Name;
        var vectorItem = VectorItemOf(memberType);
        var itemClr = vectorItem ?? memberType;

        PrimitiveDataViewType itemType;
        var key = member.GetCustomAttribute<KeyTypeAttribute>(true);
        if (key != null)
        {
            if (!KeyDataViewType.IsValidDataType(itemClr))
                throw new ArgumentOutOfRangeException(nameof(member), $"Member {member.Name} marked with KeyType attribute, but does not appear to be a valid kind of data for a key type");
            itemType = new KeyDataViewType(itemClr, key.Count);
        }
        else
        {
            itemType = ColumnTypeHelpers.TryGetPrimitive(itemClr)
                ?? throw new ArgumentOutOfRangeException(nameof(member), $"Could not determine an IDataView type for member {member.Name} of type {memberType}.");
        }

        var vectorAttribute = member.GetCustomAttribute<VectorTypeAttribute>(true);
        if (vectorAttribute != null && vectorItem is null)
            throw new ArgumentOutOfRangeException(nameof(member), $"Member {member.Name} marked with VectorTypeAttribute, but does not appear to be a vector type");

        DataViewType columnType = vectorItem is null
            ? itemType
            : vectorAttribute is null || vectorAttribute.Dims.Length == 0
                ? new VectorDataViewType(itemType, 0)
                : new VectorDataViewType(itemType, vectorAttribute.Dims);
        return new MemberBinding(member, memberType, columnName, columnType, get, set);
    }
}
