namespace MLExtensions.Transforms;

/// <summary>The (output, input) column pairs given to a scaling estimator, checked once where they enter.</summary>
internal static class ScalingColumnPairs
{
    public static (string OutputColumnName, string InputColumnName)[] Validate(
        IReadOnlyList<(string OutputColumnName, string InputColumnName)>? columns, string operation)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
            throw new ArgumentException($"{operation} needs at least one column.", nameof(columns));
        var outputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (output, input) in columns)
        {
            if (string.IsNullOrEmpty(output))
                throw new ArgumentException($"{operation}: an output column name is empty.", nameof(columns));
            if (string.IsNullOrEmpty(input))
                throw new ArgumentException($"{operation}: the input column name for output '{output}' is empty.", nameof(columns));
            // Two outputs of one name would leave the first unreachable while still costing a fitting pass.
            if (!outputs.Add(output))
                throw new ArgumentException($"{operation}: the output column '{output}' is named twice.", nameof(columns));
        }
        return columns.ToArray();
    }
}
