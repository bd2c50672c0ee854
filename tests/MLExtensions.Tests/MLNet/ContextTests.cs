using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.MLNet;

/// <summary>Our trainers follow their MLContext as ML.NET's own do: its seed when the options give none, and its log.</summary>
public class ContextTests
{
    public static TheoryData<string> AllTasks => Tasks.All;

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void TheContextsSeedDecidesTheModelWhenTheOptionsGiveNone(string task)
    {
        List<float[]> Train(int seed)
        {
            var ml = new MLContext(seed);
            var data = Tasks.Data(ml, task, count: 60);
            IEstimator<ITransformer> trainer = task switch
            {
                "binary" => ml.BinaryClassification.Trainers.Mlp(numberOfEpochs: 2),
                "multiclass" => ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Mlp(numberOfEpochs: 2)),
                _ => ml.Regression.Trainers.Mlp(numberOfEpochs: 2),
            };
            return Trained.Scores(ml, trainer.Fit(data), data);
        }

        var first = Train(1);
        Assert.Equal(first, Train(1));
        Assert.NotEqual(first, Train(2));
    }

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void TrainingWritesItsEpochsToTheContextsLog(string task)
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<(ChannelMessageKind Kind, string Source, string Message)>();
        ml.Log += (_, e) =>
        {
            lock (messages)
                messages.Add((e.Kind, e.Source, e.RawMessage));
        };
        var data = Tasks.Data(ml, task, count: 60);
        Tasks.Pipeline(ml, task, epochs: 3).Fit(data);

        string trainer = task switch { "binary" => "MlpBinaryTrainer", "multiclass" => "MlpMulticlassTrainer", _ => "MlpRegressionTrainer" };
        var ours = messages.Where(m => m.Source.StartsWith(trainer, StringComparison.Ordinal) && m.Kind == ChannelMessageKind.Info).Select(m => m.Message).ToList();
        Assert.Contains(ours, m => m.StartsWith("Training on 60 rows of 2 features", StringComparison.Ordinal));
        for (int epoch = 1; epoch <= 3; epoch++)
            Assert.Contains(ours, m => m.StartsWith($"epoch {epoch}: loss ", StringComparison.Ordinal));
        Assert.Contains(ours, m => m.StartsWith("Training stopped (Completed)", StringComparison.Ordinal));
    }
}
