using Microsoft.ML.Data;
using Microsoft.ML.Internal;
using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>Moving data between .NET objects and data views (<c>mlContext.Data</c>).</summary>
public sealed class DataOperationsCatalog : IInternalCatalog
{
    internal DataOperationsCatalog(IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        Environment = env;
    }

    IHostEnvironment IInternalCatalog.Environment => Environment;

    internal IHostEnvironment Environment { get; }

    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data, SchemaDefinition? schemaDefinition = null)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        if (schemaDefinition != null)
            throw new NotSupportedException("The ML.NET shim does not support SchemaDefinition.");
        var bindings = MemberBinding.For(typeof(TRow), read: true, write: false);
        var builder = new DataViewSchema.Builder();
        foreach (var binding in bindings)
            builder.AddColumn(binding.ColumnName, binding.ColumnType);
        return new EnumerableDataView<TRow>(data, bindings, builder.ToSchema());
    }

    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data, DataViewSchema schema)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schema);
        // The explicit schema decides column order, types and annotations; members supply the values.
        var byName = MemberBinding.For(typeof(TRow), read: true, write: false).ToDictionary(b => b.ColumnName);
        var bindings = new List<MemberBinding>();
        var builder = new DataViewSchema.Builder();
        foreach (var column in schema)
        {
            if (!byName.TryGetValue(column.Name, out var binding))
                throw new ArgumentOutOfRangeException(nameof(schema), $"No field or property of '{typeof(TRow)}' provides column '{column.Name}'.");
            bindings.Add(binding.WithColumnType(column.Type));
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        }
        return new EnumerableDataView<TRow>(data, bindings.ToArray(), builder.ToSchema());
    }

    public IEnumerable<TRow> CreateEnumerable<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns = false,
        SchemaDefinition? schemaDefinition = null)
        where TRow : class, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        if (schemaDefinition != null)
            throw new NotSupportedException("The ML.NET shim does not support SchemaDefinition.");
        var bindings = BindOutput(MemberBinding.For(typeof(TRow), read: false, write: true), data.Schema, ignoreMissingColumns);
        return Enumerate<TRow>(data, bindings, reuseRowObject);
    }

    public IDataView SkipRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RowWindowDataView(input, count, long.MaxValue);
    }

    public IDataView TakeRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RowWindowDataView(input, 0, count);
    }

    /// <summary>Pairs writable members with data columns; missing columns fail unless the caller opts out.</summary>
    internal static (MemberBinding Binding, DataViewSchema.Column Column)[] BindOutput(MemberBinding[] members, DataViewSchema schema, bool ignoreMissingColumns)
    {
        var pairs = new List<(MemberBinding, DataViewSchema.Column)>();
        foreach (var member in members)
        {
            var column = schema.GetColumnOrNull(member.ColumnName);
            if (column is null)
            {
                if (ignoreMissingColumns)
                    continue;
                throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{member.ColumnName}' not found in the IDataView");
            }
            if (!member.Accepts(column.Value.Type))
                throw new ArgumentOutOfRangeException(nameof(schema), $"Can't bind the IDataView column '{column.Value.Name}' of type '{column.Value.Type}' to field or property '{member.Member.Name}' of type '{member.MemberType}'.");
            pairs.Add((member, column.Value));
        }
        return pairs.ToArray();
    }

    private static IEnumerable<TRow> Enumerate<TRow>(IDataView data, (MemberBinding Binding, DataViewSchema.Column Column)[] bindings, bool reuseRowObject)
        where TRow : class, new()
    {
        using var cursor = data.GetRowCursor(bindings.Select(b => b.Column));
        var setters = bindings.Select(b => MemberAccess.MakeSetter(b.Binding, cursor, b.Column)).ToArray();
        TRow? reused = null;
        while (cursor.MoveNext())
        {
            var row = reuseRowObject ? reused ??= new TRow() : new TRow();
            foreach (var set in setters)
                set(row);
            yield return row;
        }
    }
}
