using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.MLNet;

/// <summary>
/// One small problem per task in which the first feature decides the label and the second is noise, with the
/// pipeline a user writes for it (the multiclass one keys its text label inside the pipeline, as ML.NET users do).
/// </summary>
internal static class Tasks
{
    public static readonly TheoryData<string> All = new() { "binary", "multiclass", "regression" };

    public sealed class Row
    {
        [VectorType(2)] public float[] Features = new float[2];
        public bool Positive;
        public string Class = "";
        public float Target;
    }

    public static List<Row> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        string[] classes = { "low", "middle", "high" };
        for (int i = 0; i < count; i++)
        {
            float x = (float)(random.NextDouble() * 4 - 2), noise = (float)(random.NextDouble() * 4 - 2);
            rows.Add(new Row
            {
                Features = new[] { x, noise },
                Positive = x > 0,
                Class = classes[x < -0.7f ? 0 : x < 0.7f ? 1 : 2],
                Target = 2 * x + 1 + 0.05f * (float)(random.NextDouble() - 0.5),
            });
        }
        return rows;
    }

    /// <summary>The data with the task's label in a column named "Label" (what ML.NET's catalogs default to).</summary>
    public static IDataView Data(MLContext ml, string task, int count = 240, int seed = 1)
    {
        var data = ml.Data.LoadFromEnumerable(Rows(count, seed));
        string source = task switch { "binary" => "Positive", "multiclass" => "Class", _ => "Target" };
        return ml.Transforms.CopyColumns("Label", source).Fit(data).Transform(data);
    }

    /// <summary>Our trainer for the task (multiclass behind <c>MapValueToKey("Label")</c>), fast and seeded.</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml, string task, int epochs = 40) => task switch
    {
        "binary" => ml.BinaryClassification.Trainers.Mlp(Fast.Binary(epochs)),
        "multiclass" => ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(epochs))),
        _ => ml.Regression.Trainers.Mlp(Fast.Regression(epochs)),
    };
}
