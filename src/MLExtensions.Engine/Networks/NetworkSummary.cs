using System.Globalization;
using System.Text;
using MLExtensions.Engine.Text;

namespace MLExtensions.Engine.Networks;

/// <summary>A table of layers with output shape and parameter counts, like Keras's <c>model.summary()</c>.</summary>
public sealed class NetworkSummary
{
    public sealed record Row(int Index, string Layer, int OutputSize, long TrainableParameters, long NonTrainableParameters);

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

    public int InputSize { get; }
    public IReadOnlyList<Row> Rows { get; }
    public long TrainableParameters => Rows.Sum(r => r.TrainableParameters);
    public long NonTrainableParameters => Rows.Sum(r => r.NonTrainableParameters);
    public long TotalParameters => TrainableParameters + NonTrainableParameters;

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
