using Microsoft.ML;
using Microsoft.ML.Transforms;
using MLExtensions.Data;

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
public sealed class StandardizingEstimator : IEstimator<StandardizingTransformer>
{
    private const string Operation = "standardization";
    private readonly TransformsCatalog _catalog;
    private readonly (string OutputColumnName, string InputColumnName)[] _columns;

    internal StandardizingEstimator(TransformsCatalog catalog, IReadOnlyList<(string OutputColumnName, string InputColumnName)> columns)
    {
        _catalog = catalog;
        _columns = ScalingColumnPairs.Validate(columns, "Standardize");
    }

    public StandardizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var inputs = _columns.Select(c => FloatColumn.Bind(input.Schema, c.InputColumnName, $"{Operation} input")).ToArray();
        var distinct = inputs.DistinctBy(i => i.Column.Index).ToArray();
        var moments = distinct.ToDictionary(i => i.Column.Index, i => new SlotMoments(i.Size));
        var view = new ScalingFitView(input,
            distinct.Select(i => new ScalingFitView.Observation(i, values => moments[i.Column.Index].Add(values))), Operation);
        var normalizer = MLNetEstimator().Fit(view);
        if (view.RowsRead == 0)
            throw new InvalidOperationException($"{Operation} cannot be fitted: the training data has no rows.");

        var results = distinct.ToDictionary(i => i.Column.Index, i => moments[i.Column.Index].Result());
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

        var columns = new StandardizedColumn[_columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            var (scales, offsets) = NormalizerParameters.Read(normalizer, i, inputs[i].Size);
            columns[i] = new StandardizedColumn(_columns[i].OutputColumnName, _columns[i].InputColumnName, inputs[i].Size, inputs[i].IsVector,
                statistics[i].Means, statistics[i].StandardDeviations, scales, offsets);
        }
        return new StandardizingTransformer(normalizer, columns);
    }

    private NormalizingEstimator MLNetEstimator() =>
        _catalog.NormalizeMeanVariance(_columns.Select(c => new InputOutputColumnPair(c.OutputColumnName, c.InputColumnName)).ToArray(), fixZero: false);

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var outputs = _columns
            .Select(c => ScalingOutputShape.Of(inputSchema, c.InputColumnName, c.OutputColumnName, Operation, marksNormalized: true))
            .ToArray();
        return Schema.SchemaShapeColumns.With(inputSchema, outputs);
    }
}
