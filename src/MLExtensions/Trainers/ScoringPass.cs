using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;

namespace MLExtensions.Trainers;

/// <summary>Scores a run of rows in one forward pass: the raw outputs, then what the loss and the label standardization turn
/// them into. A row's scores are bitwise those of scoring it alone, in any run and on any thread.</summary>
internal static class ScoringPass
{
    /// <summary>Inference without a pool: each product runs on the thread scoring the rows.</summary>
    public static readonly LayerContext Serial = LayerContext.Inference();

    public static void Run(MlpModelParameters model, NetworkWorkspace workspace, LayerContext context,
        ReadOnlySpan<float> features, Span<float> raw, Span<float> transformed, int rows)
    {
        int outputs = model.Network.OutputSize;
        var inference = model.Inference;
        // Both give the same bits; the packed kernel is the faster for a single row, and for several where it scores rows
        // together and has no threads to use.
        var scores = (rows == 1 || inference.ScoresRowsTogether) && context.Pool is null
            ? inference.Forward(workspace, features, rows)
            : model.Network.Forward(workspace, context, features, rows);
        scores.CopyTo(raw);
        // Row by row, as a row scored alone is: a vectorized pass over the whole run would round some rows'
        // probabilities differently from the scalar path a single row takes.
        for (int row = 0; row < rows; row++)
        {
            var rowScores = transformed.Slice(row * outputs, outputs);
            model.Loss.OutputTransform(raw.Slice(row * outputs, outputs), rowScores, 1, outputs);
            model.LabelStandardization?.Restore(rowScores);
        }
    }
}
