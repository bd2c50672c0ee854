using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Training;

namespace MLExtensions.Trainers;

/// <summary>
/// What a fitted MLP transformer holds: the trained network, how its training went, and what its outputs
/// mean. Treat the network as read-only: transformers share it between threads.
/// </summary>
public sealed class MlpModel
{
    internal MlpModel(Network network, Loss loss, TrainingHistory history, IReadOnlyList<string>? classNames, long skippedRows)
    {
        Network = network;
        Loss = loss;
        History = history;
        ClassNames = classNames;
        SkippedRows = skippedRows;
    }

    public Network Network { get; }

    /// <summary>The loss the network was trained with; it also turns raw outputs into scores.</summary>
    public Loss Loss { get; }

    public TrainingHistory History { get; }

    public NetworkSummary Summary => Network.Summary();

    /// <summary>Class names in score-slot order (multiclass: from the label's KeyValues), or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    public int FeatureCount => Network.InputSize;

    /// <summary>Training rows skipped for NaN or infinite features (only with SkipRowsWithNonFiniteFeatures).</summary>
    public long SkippedRows { get; }
}
