using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLExtensions.Runtime;

namespace MLExtensions.Tests.MLNet;

/// <summary>The one reflection on ML.NET internals for the seed and the log works on the pinned ML.NET.</summary>
public class CatalogEnvironmentTests
{
    [Fact]
    public void EveryTrainerCatalogLeadsToItsOwnContextsEnvironment()
    {
        var ml = new MLContext(seed: 5);
        var sources = new List<string>();
        ml.Log += (_, e) =>
        {
            lock (sources)
                sources.Add(e.Source);
        };
        var catalogs = new (string Name, TrainCatalogBase.CatalogInstantiatorBase Trainers)[]
        {
            ("binary", ml.BinaryClassification.Trainers),
            ("multiclass", ml.MulticlassClassification.Trainers),
            ("regression", ml.Regression.Trainers),
        };
        foreach (var (name, trainers) in catalogs)
        {
            using var channel = CatalogEnvironment.Of(trainers).Register(name).Start("probe");
            channel.Info(MessageSensitivity.None, "hello");
        }

        Assert.Contains("binary; probe", sources);
        Assert.Contains("multiclass; probe", sources);
        Assert.Contains("regression; probe", sources);
    }

    [Fact]
    public void TheEnvironmentsRandomSourceIsSeededByTheContext()
    {
        int Draw(int seed) => CatalogEnvironment.Of(new MLContext(seed).Regression.Trainers).Register("x").Rand.Next();

        Assert.Equal(Draw(3), Draw(3));
        Assert.NotEqual(Draw(3), Draw(4));
    }
}
