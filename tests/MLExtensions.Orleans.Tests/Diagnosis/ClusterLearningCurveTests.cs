using Microsoft.ML;
using MLExtensions.Distributed.Tests.Support;

namespace MLExtensions.Distributed.Tests.Diagnosis;

[Collection(SharedClusterCollection.Name)]
public class ClusterLearningCurveTests
{
    private readonly WorkerCluster _cluster;

    public ClusterLearningCurveTests(SharedCluster shared) => _cluster = shared.Cluster;

    [Fact]
    public async Task ALearningCurveOnTextDataEqualsTheLocalOne()
    {
        var ml = new MLContext(seed: 0);

        var cluster = await ClusterLearningCurve.ComputeAsync(_cluster.Client, PredictionKind.BinaryClassification, Definitions.Binary,
            _cluster.Data.BinaryText, minimumSize: 12, seed: 3);
        var local = LearningCurve.Compute(ml, PredictionKind.BinaryClassification, Definitions.Binary.CreateLocal(), _cluster.Data.BinaryText.Load(ml),
            minimumSize: 12, seed: 3);

        // 90 rows, 72 after the 20% hold-out: 12, 24, 48, 72.
        Assert.Equal(new long[] { 12, 24, 48, 72 }, cluster.Points.Select(p => p.TrainingSize));
        Assert.Equal(local.Points.Count, cluster.Points.Count);
        for (int i = 0; i < local.Points.Count; i++)
        {
            Assert.Equal(local.Points[i].TrainingSize, cluster.Points[i].TrainingSize);
            Same.Bits(local.Points[i].TrainingError, cluster.Points[i].TrainingError, $"point {i} training error");
            Same.Bits(local.Points[i].ValidationError, cluster.Points[i].ValidationError, $"point {i} validation error");
        }
        Assert.Equal(local.Verdict, cluster.Verdict);
        Assert.Equal(local.Explanation, cluster.Explanation);
    }
}
