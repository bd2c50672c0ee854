using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.MLNet;

/// <summary>Our estimators inside ordinary ML.NET pipelines: text loading, caching, explicit chains and calibrators.</summary>
public class PipelineTests
{
    private readonly MLContext _ml = new(seed: 1);

    public static TheoryData<string> AllTasks => Tasks.All;

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void DataFromLoadFromTextFileTrainsThroughConcatenate(string task)
    {
        var rows = Tasks.Rows(120, 3);
        string path = Path.Combine(Path.GetTempPath(), $"mlext-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllLines(path, new[] { "x,noise,positive,class,target" }.Concat(rows.Select(r => string.Join(",",
                r.Features[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                r.Features[1].ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                r.Positive ? "true" : "false", r.Class, r.Target.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
            var data = _ml.Data.LoadFromTextFile(path, new[]
            {
                new TextLoader.Column("x", DataKind.Single, 0),
                new TextLoader.Column("noise", DataKind.Single, 1),
                new TextLoader.Column("positive", DataKind.Boolean, 2),
                new TextLoader.Column("class", DataKind.String, 3),
                new TextLoader.Column("target", DataKind.Single, 4),
            }, separatorChar: ',', hasHeader: true);
            string label = task switch { "binary" => "positive", "multiclass" => "class", _ => "target" };
            var pipeline = _ml.Transforms.Concatenate("Features", "x", "noise")
                .Append(_ml.Transforms.CopyColumns("Label", label))
                .Append(Tasks.Pipeline(_ml, task));

            var fromFile = Trained.Scores(_ml, pipeline.Fit(data), data);
            var inMemory = Tasks.Data(_ml, task, 120, 3);
            Assert.Equal(Trained.Scores(_ml, Tasks.Pipeline(_ml, task).Fit(inMemory), inMemory), fromFile);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void ACacheCheckpointChangesNothing(string task)
    {
        var data = Tasks.Data(_ml, task, 90);
        var cached = _ml.Transforms.CopyColumns("Unused", "Label").AppendCacheCheckpoint(_ml).Append(Tasks.Pipeline(_ml, task, 10));
        var direct = _ml.Transforms.CopyColumns("Unused", "Label").Append(Tasks.Pipeline(_ml, task, 10));

        Assert.Equal(Trained.Scores(_ml, direct.Fit(data), data), Trained.Scores(_ml, cached.Fit(data), _ml.Data.Cache(data)));
    }

    [Fact]
    public void AnExplicitTransformerChainOfMLNetsTransformersAndOursScoresAsThePipeline()
    {
        var data = Tasks.Data(_ml, "multiclass", 90);
        var fitted = Tasks.Pipeline(_ml, "multiclass", 10).Fit(data);
        var parts = ((IEnumerable<ITransformer>)fitted).ToArray();
        var chain = new TransformerChain<ITransformer>(parts.Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")
            .Fit(fitted.Transform(data))).ToArray());

        var predicted = chain.Transform(data);
        Assert.Equal(TextDataViewType.Instance, predicted.Schema["PredictedLabel"].Type);
        Assert.Equal(Trained.Scores(_ml, fitted, data), Trained.Scores(_ml, chain, data));
    }

    [Fact]
    public void MLNetsPlattCalibratorRecalibratesOurBinaryScore()
    {
        var data = Tasks.Data(_ml, "binary", 120);
        var scored = _ml.BinaryClassification.Trainers.Mlp(Fast.Binary(20)).Fit(data).Transform(data);
        // Replace our sigmoid probability with Platt's fit of it.
        var withoutProbability = _ml.Transforms.DropColumns("Probability").Fit(scored).Transform(scored);
        var calibrated = _ml.BinaryClassification.Calibrators.Platt().Fit(withoutProbability).Transform(withoutProbability);

        var metrics = _ml.BinaryClassification.Evaluate(calibrated);
        Assert.True(metrics.Accuracy > 0.95, $"accuracy {metrics.Accuracy}");
        var rows = _ml.Data.CreateEnumerable<CalibratedRow>(calibrated, reuseRowObject: false).ToList();
        // Platt's map is increasing in the score: ordering by score orders the probabilities.
        var ordered = rows.OrderBy(r => r.Score).Select(r => r.Probability).ToArray();
        Assert.True(ordered.Zip(ordered.Skip(1)).All(p => p.First <= p.Second));
    }

    private sealed class CalibratedRow
    {
        public float Score { get; set; }
        public float Probability { get; set; }
    }
}
