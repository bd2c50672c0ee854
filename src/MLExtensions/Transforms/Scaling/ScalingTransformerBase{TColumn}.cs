using System.Collections.ObjectModel;
using Microsoft.ML;

namespace MLExtensions.Transforms;

/// <summary>
/// A forward scaler with its fitted columns of type <typeparamref name="TColumn"/>: the columns, one by its output name,
/// and the transformers undoing the scaling (<see cref="InverseScalingTransformer"/>).
/// </summary>
public abstract class ScalingTransformerBase<TColumn> : ScalingTransformerBase
    where TColumn : ScaledColumn
{
    private protected ScalingTransformerBase(ITransformer mlnetTransformer, IReadOnlyList<TColumn> columns, string operation)
        : base(mlnetTransformer, columns, operation)
    {
        Columns = new ReadOnlyCollection<TColumn>(columns.ToArray());
    }

    /// <summary>The fitted columns, in the order they were given.</summary>
    public IReadOnlyList<TColumn> Columns { get; }

    /// <summary>The fitted column written to <paramref name="outputColumnName"/>.</summary>
    public TColumn GetColumn(string outputColumnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        return Columns.FirstOrDefault(c => c.OutputColumnName == outputColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(outputColumnName),
                $"No column '{outputColumnName}' was fitted; the fitted output columns are {string.Join(", ", Columns.Select(c => $"'{c.OutputColumnName}'"))}.");
    }

    /// <summary>
    /// A transformer undoing this one (values a clipping scaler clipped cannot come back): for each fitted column it reads
    /// the scaled output column and writes the restored values to the input column's name (replacing it in the output schema).
    /// </summary>
    public InverseScalingTransformer GetInverse() => InverseScalingTransformer.Undo(Columns);

    /// <summary>
    /// Applies the inverse of the statistics fitted for <paramref name="fittedOutputColumnName"/> to another column,
    /// e.g. a regression <c>Score</c> predicted on a standardized label: reads <paramref name="inputColumnName"/>
    /// (default: <paramref name="outputColumnName"/>) and writes <paramref name="outputColumnName"/>.
    /// </summary>
    public InverseScalingTransformer GetInverse(string fittedOutputColumnName, string outputColumnName, string? inputColumnName = null) =>
        InverseScalingTransformer.Apply(GetColumn(fittedOutputColumnName), outputColumnName, inputColumnName ?? outputColumnName);
}
