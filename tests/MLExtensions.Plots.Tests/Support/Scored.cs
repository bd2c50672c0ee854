using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Plots.Tests.Support;

/// <summary>Scored data written by hand, shaped as ML.NET's trainers write it, so ML.NET's evaluators and ours read it.</summary>
public static class Scored
{
    public sealed class MulticlassRow
    {
        [KeyType(3)]
        public uint Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = Array.Empty<float>();

        [KeyType(3)]
        public uint PredictedLabel { get; set; }
    }

    public sealed class BinaryRow
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    public sealed class RegressionRow
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }

    /// <summary>Rows of 0-based class and three scores; the prediction is the highest score (first on ties).</summary>
    public static IDataView Multiclass(MLContext ml, IEnumerable<(int Label, float[] Scores)> rows) =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new MulticlassRow
        {
            Label = (uint)r.Label,
            Score = r.Scores,
            PredictedLabel = (uint)Array.IndexOf(r.Scores, r.Scores.Max()),
        }));

    /// <summary>Ten rows: class 0 right 3 of 4, class 1 right 2 of 3, class 2 right 2 of 3.</summary>
    public static readonly (int Label, float[] Scores)[] TenRows =
    {
        (0, new[] { 0.8f, 0.1f, 0.1f }), (0, new[] { 0.6f, 0.3f, 0.1f }), (0, new[] { 0.5f, 0.2f, 0.3f }), (0, new[] { 0.2f, 0.7f, 0.1f }),
        (1, new[] { 0.1f, 0.8f, 0.1f }), (1, new[] { 0.3f, 0.4f, 0.3f }), (1, new[] { 0.1f, 0.2f, 0.7f }),
        (2, new[] { 0.1f, 0.1f, 0.8f }), (2, new[] { 0.2f, 0.3f, 0.5f }), (2, new[] { 0.4f, 0.35f, 0.25f }),
    };

    /// <summary>Rows of (label, score); Probability is the logistic of the score and the prediction Score &gt; 0.</summary>
    public static IDataView Binary(MLContext ml, IEnumerable<(bool Label, float Score)> rows) =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new BinaryRow
        {
            Label = r.Label,
            Score = r.Score,
            Probability = 1f / (1f + MathF.Exp(-r.Score)),
            PredictedLabel = r.Score > 0,
        }));

    public static readonly (bool Label, float Score)[] EightBinaryRows =
    {
        (true, 2.0f), (true, 1.0f), (false, 0.5f), (true, 0.2f), (false, -0.1f), (true, -0.5f), (false, -1.0f), (false, -2.0f),
    };

    public static IDataView Regression(MLContext ml, IEnumerable<(float Label, float Score)> rows) =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new RegressionRow { Label = r.Label, Score = r.Score }));
}
