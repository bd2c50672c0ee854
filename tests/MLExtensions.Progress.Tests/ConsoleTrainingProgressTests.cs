using MLExtensions.Engine.Training;
using MLExtensions.Progress;
using Spectre.Console.Testing;

namespace MLExtensions.Progress.Tests;

public class ConsoleTrainingProgressTests
{
    private static EpochReport Epoch(int index, double validationLoss = 0.5) =>
        new(index, 1.0 / (index + 1), 0.9, validationLoss, 0.8, 0.01f, TimeSpan.FromSeconds(2)) { MetricName = "accuracy" };

    [Fact]
    public void RedirectedOutputGetsPlainLinesWithTheFiguresAndTimeLeft()
    {
        var console = new TestConsole();
        var plain = new StringWriter();
        var progress = new ConsoleTrainingProgress(10, "mlp", console, plain);
        Assert.False(progress.IsLive);
        int result = progress.Run(() =>
        {
            progress.Report(Epoch(0));
            progress.Report(Epoch(1));
            return 42;
        });
        Assert.Equal(42, result);
        var lines = plain.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"[mlp] {Epoch(0)}; 1/10 epochs, at most 0:18 left", lines[0]);
        Assert.Equal($"[mlp] {Epoch(1)}; 2/10 epochs, at most 0:16 left", lines[1]);
        Assert.Empty(console.Output);
    }

    [Fact]
    public void PlainLinesThinOutOverALongRunAndKeepTheLast()
    {
        var plain = new StringWriter();
        var progress = new ConsoleTrainingProgress(100, "mlp", new TestConsole(), plain);
        for (int e = 0; e < 100; e++)
            progress.Report(Epoch(e));
        var epochs = plain.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .Select(l => int.Parse(l.Split(' ')[2].TrimEnd(':'))).ToArray();
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100 }, epochs);
        Assert.Equal(100, progress.Epochs.Count);
    }

    [Fact]
    public void InteractiveTerminalGetsALiveBarCompletedEvenWhenTrainingStopsEarly()
    {
        var console = new TestConsole().Interactive().EmitAnsiSequences().Width(200);
        var plain = new StringWriter();
        var progress = new ConsoleTrainingProgress(8, "mlp", console, plain);
        Assert.True(progress.IsLive);
        string model = progress.Run(() =>
        {
            for (int e = 0; e < 3; e++)
                progress.Report(Epoch(e));
            return "fitted";
        });
        Assert.Equal("fitted", model);
        Assert.Empty(plain.ToString());
        Assert.Contains("mlp: epoch 3/8", console.Output);
        Assert.Contains("loss 0.3333 accuracy 0.9000 | val loss 0.5000 val accuracy 0.8000", console.Output);
        Assert.Contains("100%", console.Output);
        Assert.Equal(3, progress.Epochs.Count);
    }

    [Fact]
    public void FiguresLeaveOutWhatIsNaN()
    {
        Assert.Equal("loss 0.5000 accuracy 0.9000", ConsoleTrainingProgress.Figures(Epoch(1, double.NaN) with { ValidationMetric = double.NaN }));
    }

    [Fact]
    public void TrainingThatThrowsRethrowsWithoutShowingTheBarComplete()
    {
        var console = new TestConsole().Interactive().EmitAnsiSequences();
        var progress = new ConsoleTrainingProgress(5, "mlp", console);
        var error = Assert.Throws<InvalidOperationException>(() => progress.Run<int>(() => throw new InvalidOperationException("diverged")));
        Assert.Equal("diverged", error.Message);
        Assert.DoesNotContain("100%", console.Output);
    }

    [Fact]
    public void ZeroEpochsIsRejectedByName() =>
        Assert.Equal("totalEpochs", Assert.Throws<ArgumentOutOfRangeException>(() => new ConsoleTrainingProgress(0)).ParamName);
}
