using Microsoft.ML;
using MLExtensions.Engine.Training;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Reliability.Training;

/// <summary>
/// Cancellation as ML.NET and .NET do it: before a usable model exists, Fit throws <see cref="OperationCanceledException"/>;
/// once an epoch has finished it returns the best weights so far, with the reason in the history; the pass over the data
/// checks the token as it goes.
/// </summary>
public class CancellationTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    private static MlpRegressionTrainer.Options Options(CancellationToken token, bool lbfgs = false)
    {
        var options = Fast.Regression(epochs: 5);
        options.CancellationToken = token;
        if (lbfgs)
            options.Optimizer = MlpOptimizer.Lbfgs;
        return options;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ATokenCancelledBeforeFitThrowsWithoutReadingARow(bool lbfgs)
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var data = new GeneratedDataView(rows: 1000, width: 4);
        var error = Assert.Throws<OperationCanceledException>(() => _mlContext.Regression.Trainers.Mlp(Options(cancel.Token, lbfgs)).Fit(data));
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Equal(0, data.RowsServed);
    }

    [Fact]
    public void CancellingDuringTheDataPassStopsItWithinAThousandRows()
    {
        using var cancel = new CancellationTokenSource();
        var data = new GeneratedDataView(rows: 200_000, width: 4) { OnRow = row => { if (row == 5_000) cancel.Cancel(); } };
        Assert.Throws<OperationCanceledException>(() => _mlContext.Regression.Trainers.Mlp(Options(cancel.Token)).Fit(data));
        // The reader looks at the token every 1,024 rows.
        Assert.InRange(data.RowsServed, 5_001, 5_001 + 1_024);
    }

    [Fact]
    public void CancellingDuringTheValidationPassStopsItToo()
    {
        using var cancel = new CancellationTokenSource();
        var validation = new GeneratedDataView(rows: 200_000, width: 4) { OnRow = row => { if (row == 2_000) cancel.Cancel(); } };
        Assert.Throws<OperationCanceledException>(() =>
            _mlContext.Regression.Trainers.Mlp(Options(cancel.Token)).Fit(new GeneratedDataView(rows: 100, width: 4), validation));
        Assert.InRange(validation.RowsServed, 2_001, 2_001 + 1_024);
    }

    [Fact]
    public void CancellingAfterAnEpochReturnsTheBestModelWithTheReasonInItsHistory()
    {
        using var cancel = new CancellationTokenSource();
        var options = Options(cancel.Token);
        options.NumberOfEpochs = 50;
        // Early stopping's start epoch makes the first epochs a warm-up that no "best" is chosen in: the model handed back
        // is then the last finished epoch's, never the untrained network.
        options.ValidationFraction = 0.2f;
        options.EarlyStopping = true;
        options.EarlyStoppingStartEpoch = 10;
        options.Progress = new Progress(report => { if (report.Epoch == 2) cancel.Cancel(); });
        var model = _mlContext.Regression.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(Trained.RegressionTrainRows));

        var history = model.Model.History;
        Assert.Equal(StopReason.Cancelled, history.StopReason);
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(2, history.BestEpoch);
        Assert.Contains("cancelled", history.StopMessage);
    }

    /// <summary>Reports on the training thread, so the cancellation lands at a known epoch.</summary>
    private sealed class Progress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
