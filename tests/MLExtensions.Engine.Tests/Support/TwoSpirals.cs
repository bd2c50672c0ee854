using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Support;

/// <summary>
/// Two interleaved spirals of 1.5 turns, radius up to 5: no linear model separates them and a small network learns
/// them. (At radius 1 a tanh network with Glorot weights starts nearly linear and sits on a plateau for hundreds of
/// epochs: a conditioning problem, not a test of the engine.) The ML.NET tests compile this same file, linked in
/// their project, so every test project draws the same spirals.
/// </summary>
internal static class TwoSpirals
{
    /// <summary><paramref name="pointsPerArm"/> points of each arm, the arms interleaved (arm 0, arm 1, arm 0, ...),
    /// each coordinate with Gaussian noise of standard deviation 0.02.</summary>
    public static IEnumerable<(float X, float Y, int Arm)> Points(int pointsPerArm, RandomSource random)
    {
        for (int i = 0; i < pointsPerArm; i++)
        {
            double t = 0.5 + 3.0 * Math.PI * i / pointsPerArm;
            for (int arm = 0; arm < 2; arm++)
            {
                double sign = arm == 0 ? 1 : -1;
                float x = (float)(sign * t * Math.Cos(t) / 2 + 0.02 * random.NextGaussian());
                float y = (float)(sign * t * Math.Sin(t) / 2 + 0.02 * random.NextGaussian());
                yield return (x, y, arm);
            }
        }
    }

    /// <summary>The points as engine training data: features (x, y), target the arm (0 or 1).</summary>
    public static TrainingData Data(int pointsPerArm, RandomSource random)
    {
        var points = Points(pointsPerArm, random).ToArray();
        float[] features = points.SelectMany(p => new[] { p.X, p.Y }).ToArray();
        float[] arms = points.Select(p => (float)p.Arm).ToArray();
        return new TrainingData(features, 2, arms, 1);
    }
}
