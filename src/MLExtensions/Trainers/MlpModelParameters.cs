using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Training;

namespace MLExtensions.Trainers;

/// <summary>
/// The model parameters of a fitted MLP transformer (its <c>Model</c>, as ML.NET's prediction transformers have):
/// the trained network, how its training went, and what its outputs mean. Treat the network as read-only:
/// transformers share it between threads.
/// </summary>
public sealed class MlpModelParameters
{
    internal MlpModelParameters(Network network, Loss loss, TrainingHistory history, IReadOnlyList<string>? classNames, long skippedRows,
        LabelStandardization? labelStandardization = null, int? scoringThreads = null)
    {
        LabelStandardization = labelStandardization;
        ScoringThreads = scoringThreads ?? Math.Max(1, Environment.ProcessorCount);
        Network = network;
        Loss = loss;
        History = history;
        ClassNames = classNames;
        SkippedRows = skippedRows;
    }

    /// <summary>The trained network: its layers, and its parameters in one flat buffer.</summary>
    public Network Network { get; }

    private PackedInference? _inference;

    /// <summary>The network with its weights packed for scoring row by row, made once and shared by every cursor and
    /// prediction engine (it is immutable); made again if the network's parameters were changed since.</summary>
    internal PackedInference Inference
    {
        get
        {
            var current = Volatile.Read(ref _inference);
            if (current is null || !current.IsCurrent)
            {
                current = new PackedInference(Network);
                Volatile.Write(ref _inference, current);
            }
            return current;
        }
    }

    // A parallel set of cursors, one per thread, keeps its buffers for the next set; a set holds up to a few megabytes,
    // so no more are kept than a small set has cursors.
    private readonly ScoringBuffers?[] _idleScoringBuffers = new ScoringBuffers?[Math.Clamp(Environment.ProcessorCount, 1, MaxIdleScoringBuffers)];

    private const int MaxIdleScoringBuffers = 4;

    /// <summary>Block buffers for a cursor: ones an earlier cursor gave back, or new ones.</summary>
    internal ScoringBuffers RentScoringBuffers()
    {
        for (int i = 0; i < _idleScoringBuffers.Length; i++)
        {
            if (Interlocked.Exchange(ref _idleScoringBuffers[i], null) is { } idle)
                return idle;
        }
        return new ScoringBuffers(Network, ScoringThreads);
    }

    /// <summary>Keeps a disposed cursor's block buffers for a later cursor, unless enough sets are kept already.</summary>
    internal void ReturnScoringBuffers(ScoringBuffers buffers)
    {
        for (int i = 0; i < _idleScoringBuffers.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _idleScoringBuffers[i], buffers, null) is null)
                return;
        }
    }

    /// <summary>The loss the network was trained with; it also turns raw outputs into scores.</summary>
    public Loss Loss { get; }

    /// <summary>Every epoch's figures, why training stopped and which epoch's weights the network holds.</summary>
    public TrainingHistory History { get; }

    /// <summary>The layers with their output shapes and parameter counts, as Keras's <c>summary()</c>.</summary>
    public NetworkSummary Summary => Network.Summary();

    /// <summary>Class names in score-slot order: "false", "true" for binary classification; the label's KeyValues as text
    /// for multiclass, or null when the label has none; null for regression.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The number of input features the network reads.</summary>
    public int FeatureCount => Network.InputSize;

    /// <summary>Regression trained on standardized targets: how the outputs are put back in the label's units. Null when the
    /// network's outputs are the predictions themselves (classification, or <c>StandardizeLabel = false</c>).</summary>
    public LabelStandardization? LabelStandardization { get; }

    /// <summary>Threads a cursor scores its blocks of rows with: the trainer's <c>NumberOfThreads</c> (all cores for a model
    /// loaded from a file). The scores do not depend on it.</summary>
    public int ScoringThreads { get; }

    /// <summary>Training rows skipped for NaN or infinite features (only with SkipRowsWithNonFiniteFeatures).</summary>
    public long SkippedRows { get; }
}
