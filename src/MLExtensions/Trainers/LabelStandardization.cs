using MLExtensions.Engine.Training;

namespace MLExtensions.Trainers;

/// <summary>
/// How a regression network's targets were standardized for training, so its outputs can be put back in the label's
/// units: each target column's weighted mean and standard deviation. Standardized targets put every data set's loss on
/// the same scale, so the learning rate, the initialization and the divergence guard mean the same whatever the units.
/// </summary>
public sealed class LabelStandardization
{
    private readonly float[] _mean;
    private readonly float[] _deviation;

    internal LabelStandardization(float[] mean, float[] standardDeviation)
    {
        _mean = mean;
        _deviation = standardDeviation;
    }

    /// <summary>Each target's mean over the training rows.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>Each target's standard deviation over the training rows (1 for a constant target).</summary>
    public IReadOnlyList<float> StandardDeviation => _deviation;

    /// <summary>The weighted mean and standard deviation of each target column of <paramref name="data"/>.</summary>
    internal static LabelStandardization Of(TrainingData data)
    {
        int width = data.TargetWidth;
        var sums = new double[width];
        var squares = new double[width];
        double total = 0;
        for (int row = 0; row < data.RowCount; row++)
        {
            double weight = data.Weights?[row] ?? 1.0;
            total += weight;
            var targets = data.TargetsOf(row);
            for (int j = 0; j < width; j++)
                sums[j] += weight * targets[j];
        }
        var mean = new float[width];
        for (int j = 0; j < width; j++)
            mean[j] = (float)(sums[j] / total);
        for (int row = 0; row < data.RowCount; row++)
        {
            double weight = data.Weights?[row] ?? 1.0;
            var targets = data.TargetsOf(row);
            for (int j = 0; j < width; j++)
            {
                double d = targets[j] - (double)mean[j];
                squares[j] += weight * d * d;
            }
        }
        var deviation = new float[width];
        for (int j = 0; j < width; j++)
        {
            double sd = Math.Sqrt(squares[j] / total);
            // A constant target stays as it is (shifted to 0); dividing by 0 would make it NaN.
            deviation[j] = sd > 0 && double.IsFinite(sd) ? (float)sd : 1f;
        }
        return new LabelStandardization(mean, deviation);
    }

    /// <summary>Replaces <paramref name="data"/>'s targets by their standardized values.</summary>
    internal void Standardize(TrainingData data)
    {
        int width = data.TargetWidth;
        var targets = data.Targets;
        for (int i = 0; i < targets.Length; i++)
            targets[i] = (targets[i] - _mean[i % width]) / _deviation[i % width];
    }

    /// <summary>Turns network outputs (standardized units) into predictions in the label's units, in place.</summary>
    internal void Restore(Span<float> outputs)
    {
        for (int j = 0; j < outputs.Length; j++)
            outputs[j] = outputs[j] * _deviation[j] + _mean[j];
    }
}
