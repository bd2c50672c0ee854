namespace MLExtensions.Engine.Training;

/// <summary>
/// Rows of features and targets in two contiguous row-major buffers, plus optional per-row weights: the one shape the
/// engine trains on. The buffers are used as they are, not copied. <see cref="Select"/> makes a view of some rows that
/// shares the buffers (a hold-out splits the data into two views without copying a value); a view's rows are read
/// with <see cref="FeaturesOf"/>, <see cref="TargetsOf"/> and <see cref="WeightOf"/>, or made contiguous with
/// <see cref="Compact"/>.
/// </summary>
public sealed class TrainingData
{
    private readonly float[] _features;
    private readonly float[] _targets;
    private readonly float[]? _weights;

    // The rows of the buffers this data is made of, in order; null for all of them.
    private readonly int[]? _rows;

    /// <summary>Wraps whole buffers (not copied) as training data.</summary>
    /// <param name="features">The features, [rows × <paramref name="featureCount"/>], row-major; at least one row.</param>
    /// <param name="featureCount">Features per row; positive.</param>
    /// <param name="targets">The targets, [rows × <paramref name="targetWidth"/>], row-major.</param>
    /// <param name="targetWidth">Target values per row, as the loss expects (<c>Loss.TargetWidth</c>): 1 for a class
    /// index or a binary label, the output size for regression; positive.</param>
    /// <param name="weights">One weight per row, finite and non-negative; null weighs every row 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or <paramref name="targets"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> or <paramref name="targetWidth"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The buffers' lengths do not agree on a positive number of rows, or a weight is
    /// negative, NaN or infinite.</exception>
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
        if (targets.Length != (long)rows * targetWidth)
            throw new ArgumentException($"{rows} rows need {(long)rows * targetWidth} target values; {targets.Length} were given.", nameof(targets));
        if (weights is not null && weights.Length != rows)
            throw new ArgumentException($"{rows} rows need {rows} weights; {weights.Length} were given.", nameof(weights));
        if (weights is not null)
        {
            for (int i = 0; i < weights.Length; i++)
                if (!(weights[i] >= 0f) || float.IsPositiveInfinity(weights[i]))
                    throw new ArgumentException($"The weight of row {i} is {weights[i]}; weights must be finite and non-negative.", nameof(weights));
        }

        _features = features;
        FeatureCount = featureCount;
        _targets = targets;
        TargetWidth = targetWidth;
        _weights = weights;
        RowCount = rows;
    }

    private TrainingData(TrainingData source, int[] rows)
    {
        _features = source._features;
        _targets = source._targets;
        _weights = source._weights;
        FeatureCount = source.FeatureCount;
        TargetWidth = source.TargetWidth;
        _rows = rows;
        RowCount = rows.Length;
    }

    /// <summary>Features per row; positive.</summary>
    public int FeatureCount { get; }

    /// <summary>Target values per row; positive.</summary>
    public int TargetWidth { get; }

    /// <summary>The number of rows: of the whole buffers, or the rows a view selected.</summary>
    public int RowCount { get; }

    /// <summary>Whether this is a view of selected rows (<see cref="Select"/>) rather than whole buffers.</summary>
    public bool IsView => _rows is not null;

    /// <summary>Whether the rows carry weights; without them every row weighs 1.</summary>
    public bool HasWeights => _weights is not null;

    /// <summary>The feature buffer, [rows × features]. A view's rows are not contiguous: read them with <see cref="FeaturesOf"/>.</summary>
    /// <exception cref="InvalidOperationException">This data is a view.</exception>
    public float[] Features => _rows is null ? _features : throw NotContiguous(nameof(Features));

    /// <summary>The target buffer, [rows × target width]. A view's rows are not contiguous: read them with <see cref="TargetsOf"/>.</summary>
    /// <exception cref="InvalidOperationException">This data is a view.</exception>
    public float[] Targets => _rows is null ? _targets : throw NotContiguous(nameof(Targets));

    /// <summary>The weights, one per row, or null. A view's rows are not contiguous: read them with <see cref="WeightOf"/>.</summary>
    /// <exception cref="InvalidOperationException">This data is a view.</exception>
    public float[]? Weights => _rows is null ? _weights : throw NotContiguous(nameof(Weights));

    /// <summary>The <see cref="FeatureCount"/> features of <paramref name="row"/>, a 0-based row of this data (of the
    /// view, for a view), without copying.</summary>
    public ReadOnlySpan<float> FeaturesOf(int row) => _features.AsSpan(SourceRow(row) * FeatureCount, FeatureCount);

    /// <summary>The <see cref="TargetWidth"/> targets of <paramref name="row"/>, a 0-based row of this data, without copying.</summary>
    public ReadOnlySpan<float> TargetsOf(int row) => _targets.AsSpan(SourceRow(row) * TargetWidth, TargetWidth);

    /// <summary>The weight of <paramref name="row"/>: 1 when the data has no weights.</summary>
    public float WeightOf(int row) => _weights is null ? 1f : _weights[SourceRow(row)];

    /// <summary>Copies the targets of rows [<paramref name="start"/>, start + <paramref name="rows"/>) into
    /// <paramref name="destination"/>, row after row: a view's rows gathered into one contiguous span.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not all within this data.</exception>
    public void CopyTargets(int start, int rows, Span<float> destination)
    {
        CheckRange(start, rows);
        for (int i = 0; i < rows; i++)
            TargetsOf(start + i).CopyTo(destination.Slice(i * TargetWidth, TargetWidth));
    }

    /// <summary>Copies the weights of rows [<paramref name="start"/>, start + <paramref name="rows"/>) into
    /// <paramref name="destination"/>; the data must have weights.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not all within this data.</exception>
    /// <exception cref="InvalidOperationException">The data has no weights.</exception>
    public void CopyWeights(int start, int rows, Span<float> destination)
    {
        CheckRange(start, rows);
        if (_weights is null)
            throw new InvalidOperationException("This data has no example weights to copy.");
        for (int i = 0; i < rows; i++)
            destination[i] = _weights[SourceRow(start + i)];
    }

    private void CheckRange(int start, int rows)
    {
        if (start < 0 || rows < 0 || start > RowCount - rows)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"Rows {start} to {start + rows} are not within the {RowCount} rows.");
    }

    /// <summary>A view of <paramref name="rows"/> (indices into this data, in the order given; repeats allowed) sharing
    /// this data's buffers.</summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is not within this data.</exception>
    public TrainingData Select(ReadOnlySpan<int> rows)
    {
        if (rows.IsEmpty)
            throw new ArgumentException("A selection needs at least one row.", nameof(rows));
        var source = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            if ((uint)row >= (uint)RowCount)
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"Row {row} is not one of the {RowCount} rows.");
            source[i] = SourceRow(row);
        }
        return new TrainingData(this, source);
    }

    /// <summary>This data in contiguous buffers: itself when it is not a view, otherwise a copy of its rows.</summary>
    public TrainingData Compact()
    {
        if (_rows is null)
            return this;
        var features = new float[(long)RowCount * FeatureCount];
        var targets = new float[(long)RowCount * TargetWidth];
        var weights = _weights is null ? null : new float[RowCount];
        for (int i = 0; i < RowCount; i++)
            FeaturesOf(i).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
        CopyTargets(0, RowCount, targets);
        if (weights is not null)
            CopyWeights(0, RowCount, weights);
        return new TrainingData(features, FeatureCount, targets, TargetWidth, weights);
    }

    /// <summary>The row of the underlying buffers that row <paramref name="row"/> of this data is.</summary>
    internal int SourceRow(int row) => _rows is null ? row : _rows[row];

    internal float[] FeatureBuffer => _features;
    internal float[] TargetBuffer => _targets;
    internal float[]? WeightBuffer => _weights;

    private InvalidOperationException NotContiguous(string buffer) => new(
        $"This training data is a view of {RowCount} selected rows, whose {buffer} are not one contiguous buffer: read its rows with " +
        "FeaturesOf, TargetsOf and WeightOf, or call Compact() for a contiguous copy.");
}
