using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Transforms;

/// <summary>
/// Learns, in one pass over the training data, each slot's minimum and maximum (NaN values ignored) and gives a
/// <see cref="MinMaxScalingTransformer"/> mapping that range onto [min, max].
/// <para>
/// The pass is ML.NET's own min-max normalizer fitting (<c>NormalizeMinMax(fixZero: false)</c>, which maps each
/// slot's range onto [0, 1] and a constant or never-seen slot to 0), with MLExtensions reading the same rows on
/// their way to it. Another target range, and clipping, are an ML.NET Expression transform after it.
/// </para>
/// </summary>
public sealed class MinMaxScalingEstimator : ScalingEstimatorBase<MinMaxScalingTransformer>
{
    private readonly float _min;
    private readonly float _max;
    private readonly bool _clip;

    internal MinMaxScalingEstimator(TransformsCatalog catalog, IReadOnlyList<(string OutputColumnName, string InputColumnName)> columns, float min, float max, bool clip)
        : base(catalog, columns, "min-max scaling", "ScaleMinMax")
    {
        CheckTargetRange(min, max);
        _min = min;
        _max = max;
        _clip = clip;
    }

    internal static void CheckTargetRange(float min, float max)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || !(min < max))
            throw new ArgumentOutOfRangeException(nameof(min), $"The target range [{min}, {max}] must be finite with min < max.");
    }

    // The Expression transform that maps onto another target range or clips does not mark its output normalized.
    private protected override bool MarksNormalized => !_clip && _min == 0f && _max == 1f;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input column is missing, not Single, or a variable-size vector.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="input"/> has no rows, or a value of an input column is
    /// infinite (the message names its row and slot).</exception>
    public override MinMaxScalingTransformer Fit(IDataView input)
    {
        var (inputs, _, ranges, view) = Observe(input, size => new SlotRange(size), (range, values) => range.Add(values));
        var normalizer = Catalog.NormalizeMinMax(ColumnPairs, fixZero: false).Fit(view);
        RequireRows(view);

        var columns = new MinMaxScaledColumn[Columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            var (minima, maxima) = ranges[inputs[i].Column.Index].Result();
            var (scales, offsets) = NormalizerParameters.Read(normalizer, i, inputs[i].Size);
            columns[i] = new MinMaxScaledColumn(Columns[i].OutputColumnName, Columns[i].InputColumnName, inputs[i].Size, inputs[i].IsVector,
                minima, maxima, _min, _max, _clip, scales, offsets);
        }

        var steps = new List<ITransformer> { normalizer };
        IDataView scaled = normalizer.Transform(view);
        foreach (var column in columns.Where(c => c.MapsTarget || c.Clip))
        {
            var expression = Catalog.Expression(column.OutputColumnName, TargetExpression(column), column.OutputColumnName).Fit(scaled);
            steps.Add(expression);
            scaled = expression.Transform(scaled);
        }
        var mlnet = steps.Count == 1 ? (ITransformer)normalizer : new TransformerChain<ITransformer>(steps.ToArray());
        return new MinMaxScalingTransformer(mlnet, columns);
    }

    /// <summary>
    /// t ↦ min + t·(max − min), then clamped to [min, max] when clipping, with every constant written as the exact
    /// float literal so ML.NET computes what <see cref="ScaledColumn.Scale"/> computes.
    /// </summary>
    private static string TargetExpression(MinMaxScaledColumn column)
    {
        string value = column.MapsTarget ? $"{Literal(column.TargetMin)} + t * {Literal(column.TargetSpan)}" : "t";
        if (column.Clip)
            value = $"min(max({value}, {Literal(column.TargetMin)}), {Literal(column.TargetMax)})";
        return $"t => {value}";
    }

    private static string Literal(float value) => $"({value.ToString("R", CultureInfo.InvariantCulture)}f)";
}
