using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace MLExtensions.Transforms;

/// <summary>
/// Learns, in one pass over the training data, each slot's mean and population standard deviation (NaN values
/// ignored, each slot counting its own values) and gives a <see cref="StandardizingTransformer"/>. Every column
/// is fitted on the input data, never on another column's output.
/// <para>
/// The pass is ML.NET's own mean-variance normalizer fitting (<c>NormalizeMeanVariance(fixZero: false)</c>, which
/// computes the same per-slot mean and population deviation), with MLExtensions reading the same rows on their way
/// to it for its double-precision statistics and its checks.
/// </para>
/// </summary>
public sealed class StandardizingEstimator : ScalingEstimatorBase<StandardizingTransformer>
{
    internal StandardizingEstimator(TransformsCatalog catalog, IReadOnlyList<(string OutputColumnName, string InputColumnName)> columns)
        : base(catalog, columns, "standardization", "Standardize")
    {
    }

    private protected override bool MarksNormalized => true;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input column is missing, not Single, or a variable-size vector.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="input"/> has no rows, or a value of an input column is
    /// infinite (the message names its row and slot).</exception>
    public override StandardizingTransformer Fit(IDataView input)
    {
        var (inputs, distinct, moments, view) = Observe(input, size => new SlotMoments(size), (moment, values) => moment.Add(values));
        var normalizer = MLNetEstimator().Fit(view);
        RequireRows(view);

        var results = moments.ToDictionary(m => m.Key, m => m.Value.Result());
        var statistics = inputs.Select(i => results[i.Column.Index]).ToArray();
        // ML.NET divides by a zero count for a slot that saw only NaN and gets a NaN scale, which its own loader then
        // refuses; such a slot is refitted as all zeros, which ML.NET maps to 0 as this estimator promises.
        var unseen = distinct.ToDictionary(i => i.Column.Index, i => results[i.Column.Index].StandardDeviations.Select(double.IsNaN).ToArray());
        if (unseen.Values.Any(slots => slots.Any(s => s)))
        {
            var refit = new ScalingFitView(input,
                distinct.Select(i => new ScalingFitView.Observation(i, null, unseen[i.Column.Index])), Operation);
            normalizer = MLNetEstimator().Fit(refit);
        }

        var columns = new StandardizedColumn[Columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            var (scales, offsets) = NormalizerParameters.Read(normalizer, i, inputs[i].Size);
            columns[i] = new StandardizedColumn(Columns[i].OutputColumnName, Columns[i].InputColumnName, inputs[i].Size, inputs[i].IsVector,
                statistics[i].Means, statistics[i].StandardDeviations, scales, offsets);
        }
        return new StandardizingTransformer(normalizer, columns);
    }

    private NormalizingEstimator MLNetEstimator() => Catalog.NormalizeMeanVariance(ColumnPairs, fixZero: false);
}
