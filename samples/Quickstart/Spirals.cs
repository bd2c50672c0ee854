using Microsoft.ML.Data;

namespace Quickstart;

internal sealed class SpiralPoint
{
    [VectorType(2)]
    public float[] Features { get; set; } = Array.Empty<float>();

    public string Label { get; set; } = "";
}

internal sealed class ArmAPoint
{
    [VectorType(2)]
    public float[] Features { get; set; } = Array.Empty<float>();

    public bool IsArmA { get; set; }
}

internal sealed class SpiralPrediction
{
    public string Label { get; set; } = "";

    public string PredictedLabel { get; set; } = "";
}

internal static class Spirals
{
    /// <summary>Arms of 1.5 turns, radius up to about 5, evenly rotated, labelled "arm A", "arm B", ...; Gaussian noise of
    /// deviation <paramref name="noise"/> on each coordinate blurs neighbouring arms into each other a little (they lie
    /// about 1 apart), so no model is perfect.</summary>
    public static IEnumerable<SpiralPoint> Generate(int arms, int pointsPerArm, int seed, double noise = 0.15)
    {
        var random = new Random(seed);
        for (int i = 0; i < pointsPerArm; i++)
        {
            double t = 0.5 + 3.0 * Math.PI * i / pointsPerArm;
            for (int arm = 0; arm < arms; arm++)
            {
                double angle = t + 2 * Math.PI * arm / arms;
                yield return new SpiralPoint
                {
                    Features = new[]
                    {
                        (float)(t * Math.Cos(angle) / 2 + noise * Gaussian(random)),
                        (float)(t * Math.Sin(angle) / 2 + noise * Gaussian(random)),
                    },
                    Label = $"arm {(char)('A' + arm)}",
                };
            }
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
