using MLExtensions.Engine.Networks;

namespace MLExtensions.Engine.Training.Callbacks;

/// <summary>
/// Remembers the epoch whose monitored value was best so far and a snapshot of the network's weights at it, so
/// training can hand back the best weights when it stops early, diverges or is cancelled. Per fit.
/// </summary>
internal sealed class BestWeights
{
    private readonly Network _network;
    private NetworkSnapshot _snapshot;

    public BestWeights(Network network, MonitoredQuantity monitor, bool maximize, double minDelta, int startEpoch)
    {
        _network = network;
        Monitor = monitor;
        Maximize = maximize;
        MinDelta = minDelta;
        StartEpoch = startEpoch;
        Best = maximize ? double.NegativeInfinity : double.PositiveInfinity;
        _snapshot = network.Snapshot();
    }

    public MonitoredQuantity Monitor { get; }
    public bool Maximize { get; }
    public double MinDelta { get; }

    /// <summary>Epochs before this one are neither judged nor remembered as best (as in Keras, for a warm-up).</summary>
    public int StartEpoch { get; }

    public double Best { get; private set; }

    /// <summary>The best epoch so far (-1: none yet, the initial weights).</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Whether <paramref name="value"/> beats <paramref name="reference"/> by more than the minimum delta (NaN never does).</summary>
    public bool Beats(double value, double reference) =>
        Maximize ? value - MinDelta > reference : value + MinDelta < reference;

    /// <summary>Judges one epoch; when it is the best so far, snapshots the weights and returns true.</summary>
    public bool Update(EpochReport report)
    {
        if (report.Epoch < StartEpoch)
            return false;
        double value = report.Value(Monitor);
        if (!Beats(value, Best))
            return false;
        Best = value;
        BestEpoch = report.Epoch;
        _snapshot = _network.Snapshot();
        return true;
    }

    public void Restore() => _network.Restore(_snapshot);
}
