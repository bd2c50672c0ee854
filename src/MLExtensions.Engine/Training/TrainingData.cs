namespace MLExtensions.Engine.Training;

/// <summary>
/// Rows of features and targets in two contiguous row-major buffers, plus optional per-row weights:
/// the one shape the engine trains on. The buffers are used as they are, not copied.
/// </summary>
public sealed class TrainingData
{
    public TrainingData(float[] features, int featureCount, float[] targets, int targetWidth, float[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (featureCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "There must be at least one feature.");
        if (targetWidth <= 0)
            throw new ArgumentOutOfRangeException(nameof(targetWidth), targetWidth, "There must be at least one target value per row.");
        if (features.Length == 0 || features.Length % featureCount != 0)
            throw new ArgumentException($"The features hold {features.Length} values, not a positive multiple of {featureCount} features per row.", nameof(features));
        int rows = features.Length / featureCount;
        if (targets.Length != rows * targetWidth)
            throw new ArgumentException($"{rows} rows need {rows * targetWidth} target values; {targets.Length} were given.", nameof(targets));
        if (weights is not null && weights.Length != rows)
            throw new ArgumentException($"{rows} rows need {rows} weights; {weights.Length} were given.", nameof(weights));
        if (weights is not null)
        {
            for (int i = 0; i < weights.Length; i++)
                if (!(weights[i] >= 0f) || float.IsPositiveInfinity(weights[i]))
                    throw new ArgumentException($"The weight of row {i} is {weights[i]}; weights must be finite and non-negative.", nameof(weights));
        }

        Features = features;
        FeatureCount = featureCount;
        Targets = targets;
        TargetWidth = targetWidth;
        Weights = weights;
        RowCount = rows;
    }

    public float[] Features { get; }
    public int FeatureCount { get; }
    public float[] Targets { get; }
    public int TargetWidth { get; }
    public float[]? Weights { get; }
    public int RowCount { get; }

    public ReadOnlySpan<float> FeaturesOf(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);
    public ReadOnlySpan<float> TargetsOf(int row) => Targets.AsSpan(row * TargetWidth, TargetWidth);
}
