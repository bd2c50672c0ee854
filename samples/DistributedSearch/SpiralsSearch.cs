using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions;
using MLExtensions.Distributed;
using MLExtensions.Trainers;

namespace DistributedSearch;

/// <summary>
/// What silos and client share: two interleaved noisy spirals (arm A or not) written to one ML.NET binary file, and the
/// search over an MLP's learning rate, width and L2 penalty, registered under one name on every silo.
/// </summary>
internal static class SpiralsSearch
{
    public static SearchDefinition<MlpBinaryTrainer.Options> Definition { get; } = new(
        "spirals",
        () => new MlpBinaryTrainer.Options
        {
            NumberOfEpochs = 40,
            BatchSize = 32,
            EarlyStopping = false,
            ValidationFraction = 0,
            // One thread a trial: a silo runs as many trials side by side as it has slots, the local search one at a time.
            NumberOfThreads = 1,
            Seed = 1,
        },
        (ml, o) => ml.Transforms.NormalizeMinMax("Features").Append(ml.BinaryClassification.Trainers.Mlp(o)),
        new SearchSpace<MlpBinaryTrainer.Options>()
            .LogUniform("LearningRate", 1e-3, 0.1, (o, v) => o.LearningRate = (float)v)
            .Choice("HiddenLayerSizes", new[] { new[] { 16 }, new[] { 32 }, new[] { 32, 16 } }, (o, v) => o.HiddenLayerSizes = v)
            .LogUniform("L2Regularization", 1e-6, 1e-2, (o, v) => o.L2Regularization = (float)v));

    public static void WriteData(string path, int pointsPerArm)
    {
        var random = new Random(7);
        var rows = new List<SpiralPoint>();
        for (int i = 0; i < pointsPerArm; i++)
        {
            double t = 0.5 + 3.0 * Math.PI * i / pointsPerArm;
            for (int arm = 0; arm < 2; arm++)
            {
                double angle = t + Math.PI * arm;
                rows.Add(new SpiralPoint
                {
                    Features = new[] { (float)(t * Math.Cos(angle) / 2 + 0.15 * Gaussian(random)), (float)(t * Math.Sin(angle) / 2 + 0.15 * Gaussian(random)) },
                    Label = arm == 0,
                });
            }
        }
        var ml = new MLContext(seed: 0);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = File.Create(path);
        ml.Data.SaveAsBinary(ml.Data.LoadFromEnumerable(rows), stream);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed class SpiralPoint
    {
        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public bool Label { get; set; }
    }
}
