using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;

namespace MLExtensions.Engine.Training;

/// <summary>
/// The overfit-a-small-batch sanity check before a long run (Karpathy, "A Recipe for Training Neural Networks", 2019): a correct model and training set-up must be able to drive
/// the loss on a handful of rows (default 20) to nearly zero. If it cannot, something is broken — the labels,
/// the loss, the learning rate, or the network is far too small.
/// </summary>
public static class OverfitCheck
{
    public sealed record Result(bool Passed, double InitialLoss, double FinalLoss, int Epochs, int Rows, string Message);

    /// <param name="createNetwork">Builds a fresh, initialized network of the configuration to check.</param>
    public static Result Run(Func<Network> createNetwork, Loss loss, TrainingData data, int rows = 20, int maxEpochs = 1000,
        double lossThreshold = 0.01, Optimizer? optimizer = null, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(createNetwork);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        if (rows <= 0)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "The subset needs at least one row.");
        if (maxEpochs <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, "At least one epoch is needed.");
        if (!(lossThreshold > 0))
            throw new ArgumentOutOfRangeException(nameof(lossThreshold), lossThreshold, "The loss threshold must be positive.");

        int n = Math.Min(rows, data.RowCount);
        var subset = data.Select(Enumerable.Range(0, n).ToArray()).Compact();
        var network = createNetwork();
        var evaluator = new NetworkEvaluator(network, loss, n);
        double initial = evaluator.Evaluate(subset).Loss;
        using var trainer = new MiniBatchTrainer(network, loss, optimizer ?? new Adam(0.01f), batchSize: n, seed: seed);
        double final = initial;
        int epoch = 0;
        try
        {
            while (epoch < maxEpochs)
            {
                trainer.TrainEpoch(subset);
                epoch++;
                final = evaluator.Evaluate(subset).Loss;
                if (final <= lossThreshold)
                    return new Result(true, initial, final, epoch, n, $"The loss on {n} rows fell from {initial:G4} to {final:G4} in {epoch} epochs.");
            }
        }
        catch (TrainingDivergedException e)
        {
            return new Result(false, initial, double.NaN, epoch, n, $"Training diverged on {n} rows: {e.Message}");
        }
        return new Result(false, initial, final, epoch, n,
            $"The loss on {n} rows only fell from {initial:G4} to {final:G4} in {epoch} epochs (target {lossThreshold}): check the labels, the loss, the learning rate and the network's size.");
    }
}
