using Microsoft.ML;

namespace MLExtensions.Data;

internal static class ColumnLookup
{
    /// <summary>The visible column <paramref name="name"/>, or an exception naming its role and the columns there are;
    /// <paramref name="paramName"/> is the caller's parameter holding the name (null: <paramref name="name"/>).</summary>
    public static DataViewSchema.Column Require(DataViewSchema schema, string? name, string role, string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        paramName ??= nameof(name);
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException($"The {role} column name is empty.", paramName);
        var column = schema.GetColumnOrNull(name);
        if (column is null)
        {
            var available = string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}' ({c.Type})"));
            throw new ArgumentOutOfRangeException(paramName,
                $"The {role} column '{name}' was not found. The data has: {(available.Length == 0 ? "no columns" : available)}.");
        }
        return column.Value;
    }
}
