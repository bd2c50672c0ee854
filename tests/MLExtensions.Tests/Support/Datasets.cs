using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;

namespace MLExtensions.Tests.Support;

/// <summary>Small generated problems that a tiny network learns in a few epochs; every one is seeded.</summary>
public static class Datasets
{
    /// <summary>Two Gaussian blobs centred on (−1.5, −1.5) and (1.5, 1.5): nearly separable.</summary>
    public static List<BinaryRow> TwoBlobs(int count, int seed, float spread = 1f)
    {
        var random = new Random(seed);
        var rows = new List<BinaryRow>(count);
        for (int i = 0; i < count; i++)
        {
            bool positive = i % 2 == 0;
            float centre = positive ? 1.5f : -1.5f;
            rows.Add(new BinaryRow
            {
                Features = new[] { centre + spread * Gaussian(random), centre + spread * Gaussian(random) },
                Label = positive,
            });
        }
        return rows;
    }

    public static readonly string[] ClusterNames = { "red", "green", "blue" };

    private static readonly (float X, float Y)[] ClusterCentres = { (0f, 3f), (-3f, -2f), (3f, -2f) };

    /// <summary>Three clusters named by colour; the first row of each class comes in a shuffled order so key order differs from name order.</summary>
    public static List<MulticlassRow> ThreeClusters(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<MulticlassRow>(count);
        for (int i = 0; i < count; i++)
        {
            int c = (i * 7 + 2) % 3;
            rows.Add(new MulticlassRow
            {
                Features = new[] { ClusterCentres[c].X + 0.8f * Gaussian(random), ClusterCentres[c].Y + 0.8f * Gaussian(random) },
                Label = ClusterNames[c],
            });
        }
        return rows;
    }

    public static List<RawMulticlassRow> ThreeClustersRaw(int count, int seed) =>
        ThreeClusters(count, seed).Select(r => new RawMulticlassRow { X = r.Features[0], Y = r.Features[1], Label = r.Label }).ToList();

    /// <summary>y = x² − 1 + noise on x ∈ [−2, 2].</summary>
    public static List<RegressionRow> NoisyQuadratic(int count, int seed, float noise = 0.1f)
    {
        var random = new Random(seed);
        var rows = new List<RegressionRow>(count);
        for (int i = 0; i < count; i++)
        {
            float x = (float)(random.NextDouble() * 4 - 2);
            rows.Add(new RegressionRow { Features = new[] { x }, Label = x * x - 1 + noise * Gaussian(random) });
        }
        return rows;
    }

    /// <summary>Two linear targets of two inputs: (a + b, a − 2b) plus noise.</summary>
    public static List<MultiTargetRow> TwoTargets(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<MultiTargetRow>(count);
        for (int i = 0; i < count; i++)
        {
            float a = (float)(random.NextDouble() * 2 - 1), b = (float)(random.NextDouble() * 2 - 1);
            rows.Add(new MultiTargetRow
            {
                Features = new[] { a, b },
                Label = new[] { a + b + 0.05f * Gaussian(random), a - 2 * b + 0.05f * Gaussian(random) },
            });
        }
        return rows;
    }

    /// <summary>The engine tests' two spirals (<see cref="TwoSpirals"/>) as rows: arm 0 is the positive class.</summary>
    public static List<BinaryRow> Spirals(int pointsPerArm, ulong seed) =>
        TwoSpirals.Points(pointsPerArm, new RandomSource(seed))
            .Select(p => new BinaryRow { Features = new[] { p.X, p.Y }, Label = p.Arm == 0 })
            .ToList();

    private static float Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
