using MLExtensions.Trainers;

namespace MLExtensions.Distributed.Tests.SearchDefinitions;

public class SearchDefinitionTests
{
    [Fact]
    public void OptionsReturnedTwiceStopTheSecondTrialOnASilo()
    {
        var shared = new MlpBinaryTrainer.Options();
        ISearchDefinition definition = new SearchDefinition<MlpBinaryTrainer.Options>("shared", () => shared,
            (ml, o) => ml.BinaryClassification.Trainers.Mlp(o),
            new SearchSpace<MlpBinaryTrainer.Options>().Uniform("LearningRate", 0.01, 0.1, (o, v) => o.LearningRate = (float)v));
        // Scoring throws, which fails the first trial; only the options matter here.
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, ClusterDataSource.Binary("unused.idv")).Described();

        var first = definition.RunTrial(1, 0, new[] { 0.05 }, objective, CancellationToken.None);
        var error = Assert.Throws<InvalidOperationException>(() => definition.RunTrial(2, 0, new[] { 0.07 }, objective, CancellationToken.None));

        Assert.Equal(TrialStatus.Failed, first.Status);
        Assert.Contains("createOptions returned the same object twice", error.Message);
    }

    [Fact]
    public void ASiloTrialHandsItsCancellationTokenToMlpOptions()
    {
        var created = new List<MlpBinaryTrainer.Options>();
        ISearchDefinition definition = new SearchDefinition<MlpBinaryTrainer.Options>("token", () =>
            {
                var options = new MlpBinaryTrainer.Options();
                created.Add(options);
                return options;
            },
            (ml, o) => ml.BinaryClassification.Trainers.Mlp(o),
            new SearchSpace<MlpBinaryTrainer.Options>().Uniform("LearningRate", 0.01, 0.1, (o, v) => o.LearningRate = (float)v));
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, ClusterDataSource.Binary("unused.idv")).Described();
        using var cancellation = new CancellationTokenSource();

        definition.RunTrial(1, 0, new[] { 0.05 }, objective, cancellation.Token);

        Assert.Equal(cancellation.Token, Assert.Single(created).CancellationToken);
        Assert.Equal(0.05f, created[0].LearningRate);
    }
}
