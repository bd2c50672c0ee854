using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;

namespace MLExtensions.Engine.Training;

/// <summary>
/// A sanity check before a long run: a correct model and training set-up must be able to drive the loss on a
/// handful of rows (default 20) to nearly zero. If it cannot, something is broken — the labels, the loss, the
/// learning rate, or the network is far too small.
/// </summary>
public static class OverfitCheck
{
    /// <summary>The outcome of <see cref="Run"/>.</summary>
    /// <param name="Passed">Whether the loss reached the threshold within the epochs allowed.</param>
    /// <param name="InitialLoss">The loss on the rows before training.</param>
    /// <param name="FinalLoss">The loss after the last epoch run; NaN when training diverged.</param>
    /// <param name="Epochs">The epochs run (full-batch, so one step each).</param>
    /// <param name="Rows">The rows trained on: the requested count, or all the data's rows when it has fewer.</param>
    /// <param name="Message">One sentence for a log: what happened and, on failure, what to check.</param>
    public sealed record Result(bool Passed, double InitialLoss, double FinalLoss, int Epochs, int Rows, string Message);

    /// <summary>
    /// Trains a fresh network full-batch on the first <paramref name="rows"/> rows of <paramref name="data"/> until its
    /// loss (without weight penalties, in inference mode) is at most <paramref name="lossThreshold"/>. A divergence is a
    /// failed check, not an exception.
    /// </summary>
    /// <param name="createNetwork">Builds a fresh, initialized network of the configuration to check.</param>
    /// <param name="loss">The loss of the task.</param>
    /// <param name="data">The data whose first rows are trained on.</param>
    /// <param name="rows">How many rows to overfit. Default 20; positive.</param>
    /// <param name="maxEpochs">The most epochs to try. Default 1000; positive.</param>
    /// <param name="lossThreshold">The loss that counts as overfitted. Default 0.01; positive.</param>
    /// <param name="optimizer">The optimizer; null (the default) is Adam at learning rate 0.01. A given instance keeps the
    /// state this check leaves in it.</param>
    /// <param name="seed">Seeds the row order and the random layers. Default 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="createNetwork"/>, <paramref name="loss"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/>, <paramref name="maxEpochs"/> or
    /// <paramref name="lossThreshold"/> is not positive.</exception>
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
