using System.Globalization;
using System.Text;
using MLExtensions.Engine.Text;

namespace MLExtensions.Engine.Networks;

/// <summary>A table of layers with output shape and parameter counts, like Keras's <c>model.summary()</c>.</summary>
public sealed class NetworkSummary
{
    /// <summary>One layer of the table.</summary>
    /// <param name="Index">The 0-based position of the layer in the network.</param>
    /// <param name="Layer">The layer's description, e.g. "dense(300, relu)".</param>
    /// <param name="OutputSize">Values per row the layer outputs.</param>
    /// <param name="TrainableParameters">Parameters the optimizer updates: all of the layer's, or 0 when it is frozen.</param>
    /// <param name="NonTrainableParameters">A frozen layer's parameters plus the layer's non-trainable state
    /// (e.g. batch-normalization statistics).</param>
    public sealed record Row(int Index, string Layer, int OutputSize, long TrainableParameters, long NonTrainableParameters);

    /// <summary>Summarizes <paramref name="network"/> as it is now (frozen layers count as non-trainable).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public NetworkSummary(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        InputSize = network.InputSize;
        Rows = network.Layers.Select((layer, i) =>
        {
            // A frozen layer's parameters still exist but no longer train; its state never does.
            long trainable = layer.Trainable ? layer.ParameterCount : 0;
            long nonTrainable = (layer.Trainable ? 0 : layer.ParameterCount) + layer.State.Length;
            return new Row(i, layer.Describe(), layer.OutputSize, trainable, nonTrainable);
        }).ToArray();
    }

    /// <summary>Features per input row.</summary>
    public int InputSize { get; }

    /// <summary>One row per layer, first to last.</summary>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>The sum of the rows' trainable parameters.</summary>
    public long TrainableParameters => Rows.Sum(r => r.TrainableParameters);

    /// <summary>The sum of the rows' non-trainable parameters and state.</summary>
    public long NonTrainableParameters => Rows.Sum(r => r.NonTrainableParameters);

    /// <summary>Trainable plus non-trainable.</summary>
    public long TotalParameters => TrainableParameters + NonTrainableParameters;

    /// <summary>The table as text in the invariant culture: the input shape, one aligned line per layer, and the totals.</summary>
    public override string ToString()
    {
        var culture = CultureInfo.InvariantCulture;
        var table = new TextTable("#", "layer", "output shape", "trainable", "non-trainable");
        foreach (var r in Rows)
        {
            table.Add(r.Index.ToString(culture), r.Layer, $"(batch, {r.OutputSize})",
                r.TrainableParameters.ToString("N0", culture), r.NonTrainableParameters.ToString("N0", culture));
        }
        var text = new StringBuilder();
        text.AppendLine($"input: (batch, {InputSize})");
        table.AppendTo(text);
        text.AppendLine(string.Create(culture, $"total parameters: {TotalParameters:N0} (trainable {TrainableParameters:N0}, non-trainable {NonTrainableParameters:N0})"));
        return text.ToString();
    }
}
