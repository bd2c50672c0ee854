using Microsoft.ML;

namespace MLExtensions.Data;

internal static class ColumnLookup
{
    /// <summary>The visible column <paramref name="name"/>, or an exception naming its role and the columns there are.</summary>
    public static DataViewSchema.Column Require(DataViewSchema schema, string? name, string role)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException($"The {role} column name is empty.", nameof(name));
        var column = schema.GetColumnOrNull(name);
        if (column is null)
        {
            var available = string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}' ({c.Type})"));
            throw new ArgumentOutOfRangeException(nameof(name),
                $"The {role} column '{name}' was not found. The data has: {(available.Length == 0 ? "no columns" : available)}.");
        }
        return column.Value;
    }
}
