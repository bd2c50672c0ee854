using System.Collections.ObjectModel;
using Microsoft.ML;

namespace MLExtensions.Transforms;

/// <summary>
/// Maps each slot's training range [minimum, maximum] linearly onto [<c>TargetMin</c>, <c>TargetMax</c>].
/// Values outside the training range map outside the target range unless the columns clip. NaN stays NaN;
/// a constant slot gives <c>TargetMin</c>. Runs and saves as ML.NET's min-max normalizer, followed by an ML.NET
/// Expression transform for another target range or clipping (<see cref="ScalingTransformerBase.MLNetTransformer"/>).
/// </summary>
public sealed class MinMaxScalingTransformer : ScalingTransformerBase
{
    internal MinMaxScalingTransformer(ITransformer mlnetTransformer, IReadOnlyList<MinMaxScaledColumn> columns)
        : base(mlnetTransformer, columns, "min-max scaling")
    {
        Columns = new ReadOnlyCollection<MinMaxScaledColumn>(columns.ToArray());
    }

    /// <summary>The fitted columns, in the order they were given.</summary>
    public IReadOnlyList<MinMaxScaledColumn> Columns { get; }

    /// <summary>The training range of the column written to <paramref name="outputColumnName"/>.</summary>
    public MinMaxScaledColumn GetColumn(string outputColumnName) => Find(Columns, outputColumnName);

    /// <summary>
    /// A transformer undoing this one (clipped values cannot come back): for each fitted column it reads the
    /// scaled output column and writes the restored values to the input column's name.
    /// </summary>
    public InverseScalingTransformer GetInverse() => InverseScalingTransformer.Undo(Columns);

    /// <summary>
    /// Applies the inverse of the range fitted for <paramref name="fittedOutputColumnName"/> to another column:
    /// reads <paramref name="inputColumnName"/> (default: <paramref name="outputColumnName"/>) and writes
    /// <paramref name="outputColumnName"/>.
    /// </summary>
    public InverseScalingTransformer GetInverse(string fittedOutputColumnName, string outputColumnName, string? inputColumnName = null) =>
        InverseScalingTransformer.Apply(GetColumn(fittedOutputColumnName), outputColumnName, inputColumnName ?? outputColumnName);
}
