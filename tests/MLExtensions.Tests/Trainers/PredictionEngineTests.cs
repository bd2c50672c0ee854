using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.Trainers;

/// <summary>Single-row prediction through ML.NET's PredictionEngine, and one transformer shared by threads.</summary>
public class PredictionEngineTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [Fact]
    public void BinaryPredictionEngineMatchesTransform()
    {
        var batch = _mlContext.Data.CreateEnumerable<BinaryPrediction>(Trained.Binary.Transform(Trained.BinaryTest(_mlContext)), reuseRowObject: false).ToList();
        using var engine = _mlContext.Model.CreatePredictionEngine<FeaturesOnly, BinaryPrediction>(Trained.Binary);
        for (int i = 0; i < Trained.BinaryTestRows.Count; i++)
        {
            var single = engine.Predict(new FeaturesOnly { Features = Trained.BinaryTestRows[i].Features });
            Assert.Equal(batch[i].Score, single.Score);
            Assert.Equal(batch[i].Probability, single.Probability);
            Assert.Equal(batch[i].PredictedLabel, single.PredictedLabel);
        }
    }

    [Fact]
    public void MulticlassPredictionEngineGivesBackTheOriginalLabelStrings()
    {
        var chain = new TransformerChain<ITransformer>(Trained.Multiclass,
            _mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(Trained.Multiclass.Transform(Trained.MulticlassTest(_mlContext))));
        using var engine = _mlContext.Model.CreatePredictionEngine<FeaturesOnly, RawMulticlassPrediction>(chain);
        int correct = 0;
        foreach (var row in Trained.MulticlassTestRows)
        {
            var prediction = engine.Predict(new FeaturesOnly { Features = row.Features });
            Assert.Equal(3, prediction.Score.Length);
            correct += prediction.PredictedLabel == row.Label ? 1 : 0;
        }
        Assert.True(correct > 0.9 * Trained.MulticlassTestRows.Count, $"{correct} of {Trained.MulticlassTestRows.Count}");
    }

    [Fact]
    public void RegressionPredictionEngineMatchesTransform()
    {
        var batch = Trained.Scores(_mlContext, Trained.Regression, Trained.RegressionTest(_mlContext));
        using var engine = _mlContext.Model.CreatePredictionEngine<RegressionRow, RegressionPrediction>(Trained.Regression);
        for (int i = 0; i < Trained.RegressionTestRows.Count; i++)
            Assert.Equal(batch[i][0], engine.Predict(Trained.RegressionTestRows[i]).Score);
    }

    [Fact]
    public void MultiTargetPredictionEngineGivesAScoreVector()
    {
        var data = _mlContext.Data.LoadFromEnumerable(Datasets.TwoTargets(100, seed: 3));
        var model = _mlContext.Regression.Trainers.Mlp(Fast.Regression(epochs: 3)).Fit(data);
        using var engine = _mlContext.Model.CreatePredictionEngine<MultiTargetRow, MultiTargetPrediction>(model);
        Assert.Equal(2, engine.Predict(new MultiTargetRow { Features = new[] { 0.5f, -0.5f } }).Score.Length);
    }

    public static TheoryData<string> Tasks => new() { "binary", "multiclass", "regression" };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void OneTransformerUsedFromSeveralThreadsGivesTheSingleThreadedResults(string task)
    {
        var (transformer, data) = task switch
        {
            "binary" => ((ITransformer)Trained.Binary, Trained.BinaryTest(_mlContext)),
            "multiclass" => (Trained.Multiclass, Trained.MulticlassTest(_mlContext)),
            _ => (Trained.Regression, Trained.RegressionTest(_mlContext)),
        };
        var expected = Trained.Scores(_mlContext, transformer, data);

        using var start = new Barrier(4);
        var results = new List<float[]>[4];
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            // Cursors are per thread; the transformer (and its network) is shared.
            var mine = new List<float[]>();
            for (int pass = 0; pass < 3; pass++)
                mine = Trained.Scores(_mlContext, transformer, data);
            results[t] = mine;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        foreach (var result in results)
        {
            Assert.Equal(expected.Count, result.Count);
            for (int i = 0; i < expected.Count; i++)
                Assert.Equal(expected[i], result[i]);
        }
    }

    [Fact]
    public void PredictionEnginesOnSeveralThreadsAgreeWithTransform()
    {
        var batch = Trained.Scores(_mlContext, Trained.Binary, Trained.BinaryTest(_mlContext));
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            // PredictionEngine is not thread-safe; one per thread over the shared transformer is the ML.NET way.
            using var engine = _mlContext.Model.CreatePredictionEngine<FeaturesOnly, BinaryPrediction>(Trained.Binary);
            for (int i = t; i < Trained.BinaryTestRows.Count; i += 4)
            {
                float score = engine.Predict(new FeaturesOnly { Features = Trained.BinaryTestRows[i].Features }).Score;
                if (score != batch[i][0])
                    failures.Add($"row {i}: {score} vs {batch[i][0]}");
            }
        });
        Assert.Empty(failures);
    }
}
