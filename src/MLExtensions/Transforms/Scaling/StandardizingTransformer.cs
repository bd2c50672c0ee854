using System.Collections.ObjectModel;
using Microsoft.ML;

namespace MLExtensions.Transforms;

/// <summary>
/// Replaces each value by its distance from the training mean in training standard deviations, per slot:
/// (x − mean) / deviation. NaN stays NaN; a slot with zero deviation gives 0. Runs and saves as ML.NET's
/// mean-variance normalizer (<see cref="ScalingTransformerBase.MLNetTransformer"/>).
/// </summary>
public sealed class StandardizingTransformer : ScalingTransformerBase
{
    internal StandardizingTransformer(ITransformer mlnetTransformer, IReadOnlyList<StandardizedColumn> columns)
        : base(mlnetTransformer, columns, "standardization")
    {
        Columns = new ReadOnlyCollection<StandardizedColumn>(columns.ToArray());
    }

    /// <summary>The fitted columns, in the order they were given.</summary>
    public IReadOnlyList<StandardizedColumn> Columns { get; }

    /// <summary>The statistics of the column written to <paramref name="outputColumnName"/>.</summary>
    public StandardizedColumn GetColumn(string outputColumnName) => Find(Columns, outputColumnName);

    /// <summary>
    /// A transformer undoing this one: for each fitted column it reads the standardized output column and writes
    /// the restored values to the input column's name (replacing it in the output schema).
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
