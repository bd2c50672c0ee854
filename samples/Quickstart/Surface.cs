using Microsoft.ML.Data;

namespace Quickstart;

internal sealed class SurfacePoint
{
    [VectorType(2)]
    public float[] Features { get; set; } = Array.Empty<float>();

    public float Label { get; set; }
}

internal static class Surface
{
    /// <summary>Points uniform on [−3, 3]², labelled z = sin(x)·cos(y) plus Gaussian noise of deviation 0.05.</summary>
    public static IEnumerable<SurfacePoint> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            double x = random.NextDouble() * 6 - 3, y = random.NextDouble() * 6 - 3;
            double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            yield return new SurfacePoint { Features = new[] { (float)x, (float)y }, Label = (float)(Math.Sin(x) * Math.Cos(y) + 0.05 * noise) };
        }
    }
}
