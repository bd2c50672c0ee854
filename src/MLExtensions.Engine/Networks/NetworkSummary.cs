using System.Globalization;
using System.Text;

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
        var header = new[] { "#", "layer", "output shape", "trainable", "non-trainable" };
        var cells = Rows.Select(r => new[]
        {
            r.Index.ToString(culture), r.Layer, $"(batch, {r.OutputSize})",
            r.TrainableParameters.ToString("N0", culture), r.NonTrainableParameters.ToString("N0", culture),
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(row => row[c].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] values) =>
            text.AppendLine(string.Join("  ", values.Select((v, c) => c >= 3 ? v.PadLeft(widths[c]) : v.PadRight(widths[c]))).TrimEnd());
        text.AppendLine($"input: (batch, {InputSize})");
        Line(header);
        text.AppendLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
        cells.ForEach(Line);
        text.AppendLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
        text.AppendLine(string.Create(culture, $"total parameters: {TotalParameters:N0} (trainable {TrainableParameters:N0}, non-trainable {NonTrainableParameters:N0})"));
        return text.ToString();
    }
}
