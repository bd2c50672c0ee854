using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Parallelism;

namespace MLExtensions.Engine.Training.Callbacks;

/// <summary>
/// The loss a fit is judged against for divergence, measured before the first update on the training rows (without
/// weight penalties): the larger of the loss of a model that learned nothing — predicting the targets' weighted mean for
/// regression, the classes' weighted frequencies for classification — and the loss of the network as it starts. The
/// first gives the data's own scale (with or without standardized targets); the second covers a network that starts far
/// from it (targets in large units, a wide first layer). A loss several times above both has run away.
/// </summary>
internal readonly record struct DivergenceBaseline(double Value, string Description)
{
    // The baseline is an estimate: evenly spaced rows up to this many measure it, whatever the data's size.
    private const int MaximumRows = 8192;

    public static DivergenceBaseline Measure(Network network, Loss loss, TrainingData training, WorkerPool? pool)
    {
        int rows = Math.Min(MaximumRows, training.RowCount);
        var sample = rows == training.RowCount ? training : training.Select(EvenlySpaced(training.RowCount, rows));
        double weight = loss.TotalWeight(Targets(sample), Weights(sample), sample.RowCount, network.OutputSize);
        if (!(weight > 0) && rows < training.RowCount)
        {
            // Evenly spaced rows can all weigh zero (weights zero in a regular pattern, a class weighted zero) while others
            // do not: the baseline is then measured on evenly spaced rows among those that weigh something.
            var weighing = RowsThatWeigh(loss, training, network.OutputSize);
            if (weighing.Length > 0)
            {
                var spaced = EvenlySpaced(weighing.Length, Math.Min(MaximumRows, weighing.Length));
                for (int i = 0; i < spaced.Length; i++)
                    spaced[i] = weighing[spaced[i]];
                sample = training.Select(spaced);
                weight = loss.TotalWeight(Targets(sample), Weights(sample), sample.RowCount, network.OutputSize);
            }
        }
        if (!(weight > 0))
            return new DivergenceBaseline(double.NaN, "no baseline (the sampled rows all weigh zero)");

        var (constant, description) = ConstantPrediction(loss, sample, network.OutputSize);
        double uninformed = constant is null ? double.NaN : ConstantLoss(loss, sample, constant);
        double initial = new NetworkEvaluator(network, loss, pool: pool).Evaluate(sample).Loss;
        return initial > uninformed || double.IsNaN(uninformed)
            ? new DivergenceBaseline(initial, "the loss of the network as training began")
            : new DivergenceBaseline(uninformed, description);
    }

    /// <summary>The outputs of the best model that ignores the features, or null for a loss this does not know.</summary>
    private static (float[]? Outputs, string Description) ConstantPrediction(Loss loss, TrainingData data, int width)
    {
        switch (loss)
        {
            case RegressionLoss:
            {
                var mean = new double[width];
                double total = 0;
                for (int row = 0; row < data.RowCount; row++)
                {
                    double w = data.WeightOf(row);
                    total += w;
                    var targets = data.TargetsOf(row);
                    for (int j = 0; j < width; j++)
                        mean[j] += w * targets[j];
                }
                return (mean.Select(m => (float)(m / total)).ToArray(), "the loss of always predicting the targets' mean");
            }
            case SoftmaxCrossEntropyLoss softmax:
            {
                var frequency = new double[width];
                for (int row = 0; row < data.RowCount; row++)
                {
                    int target = (int)data.TargetsOf(row)[0];
                    double classWeight = softmax.ClassWeights.IsEmpty ? 1 : softmax.ClassWeights[target];
                    frequency[target] += data.WeightOf(row) * classWeight;
                }
                double total = frequency.Sum();
                // Logits of the class frequencies; a class never seen gets a tiny probability rather than log 0.
                return (frequency.Select(f => (float)Math.Log(Math.Max(f / total, 1e-7))).ToArray(), "the loss of always predicting the class frequencies");
            }
            case BinaryCrossEntropyLoss:
            {
                double positive = 0, total = 0;
                for (int row = 0; row < data.RowCount; row++)
                {
                    double w = data.WeightOf(row);
                    positive += w * data.TargetsOf(row)[0];
                    total += w;
                }
                double p = Math.Clamp(positive / total, 1e-7, 1 - 1e-7);
                return (new[] { (float)Math.Log(p / (1 - p)) }, "the loss of always predicting the class frequencies");
            }
            default:
                return (null, "");
        }
    }

    private static double ConstantLoss(Loss loss, TrainingData data, float[] constant)
    {
        int width = constant.Length;
        var outputs = new float[(long)data.RowCount * width];
        for (int row = 0; row < data.RowCount; row++)
            constant.CopyTo(outputs.AsSpan(row * width, width));
        return loss.Evaluate(outputs, Targets(data), Weights(data), data.RowCount, width, Span<float>.Empty);
    }

    private static float[] Targets(TrainingData data)
    {
        var targets = new float[(long)data.RowCount * data.TargetWidth];
        data.CopyTargets(0, data.RowCount, targets);
        return targets;
    }

    private static float[] Weights(TrainingData data)
    {
        if (!data.HasWeights)
            return Array.Empty<float>();
        var weights = new float[data.RowCount];
        data.CopyWeights(0, data.RowCount, weights);
        return weights;
    }

    /// <summary>The rows whose weight, with the class weights, is positive.</summary>
    private static int[] RowsThatWeigh(Loss loss, TrainingData data, int width)
    {
        var rows = new List<int>();
        Span<float> weight = stackalloc float[1];
        for (int row = 0; row < data.RowCount; row++)
        {
            weight[0] = data.WeightOf(row);
            if (loss.TotalWeight(data.TargetsOf(row), data.HasWeights ? weight : Span<float>.Empty, 1, width) > 0)
                rows.Add(row);
        }
        return rows.ToArray();
    }

    private static int[] EvenlySpaced(int rows, int count)
    {
        var chosen = new int[count];
        for (int i = 0; i < count; i++)
            chosen[i] = (int)((long)i * rows / count);
        return chosen;
    }
}
