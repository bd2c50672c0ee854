using System.Globalization;
using MLExtensions.Engine.Training;
using Spectre.Console;

namespace MLExtensions.Progress;

/// <summary>
/// Training progress on the console, as Keras prints it: give it to the trainer as its <c>Progress</c> and train
/// inside <see cref="Run{T}(Func{T})"/>. On an interactive terminal it draws a live bar of epochs with the latest loss
/// and metric, the elapsed time and an estimate of the time left; when the output is redirected (a CI log, a file) it
/// writes plain lines instead, one for each of the first epochs and then one every few epochs, with the same figures.
/// The trainer reports once per epoch, so progress moves epoch by epoch, not batch by batch.
/// </summary>
public sealed class ConsoleTrainingProgress : IProgress<EpochReport>
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _plain;
    private readonly List<EpochReport> _epochs = new();
    private readonly List<TimeSpan> _durations = new();
    private ProgressTask? _task;

    /// <summary>Creates a progress display for one training run; whether it is live is decided here, from
    /// <paramref name="console"/>'s capabilities, and does not change afterwards.</summary>
    /// <param name="totalEpochs">The epochs training runs at most (the trainer's <c>NumberOfEpochs</c>): the length of
    /// the bar and the denominator of "epoch n/total". At least 1.</param>
    /// <param name="title">The name shown before the bar and at the start of each plain line. Default "training".</param>
    /// <param name="console">Where the live display goes; null is the process's console. The display is live only when
    /// this console is both interactive and ANSI-capable.</param>
    /// <param name="plainOutput">Where plain lines go when the display is not live; null is <see cref="Console.Out"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="totalEpochs"/> is less than 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    public ConsoleTrainingProgress(int totalEpochs, string title = "training", IAnsiConsole? console = null, TextWriter? plainOutput = null)
    {
        if (totalEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(totalEpochs), $"Training runs at least one epoch; totalEpochs is {totalEpochs}.");
        ArgumentNullException.ThrowIfNull(title);
        TotalEpochs = totalEpochs;
        Title = title;
        _console = console ?? AnsiConsole.Console;
        _plain = plainOutput ?? Console.Out;
        // Spectre.Console reports a redirected or dumb terminal as neither interactive nor ANSI-capable.
        IsLive = _console.Profile.Capabilities.Interactive && _console.Profile.Capabilities.Ansi;
    }

    /// <summary>The epochs training runs at most, as given to the constructor (at least 1). Early stopping may end
    /// training sooner; the live bar is then completed when <see cref="Run{T}(Func{T})"/> returns.</summary>
    public int TotalEpochs { get; }

    /// <summary>The name shown before the bar and at the start of each plain line, as given to the constructor.</summary>
    public string Title { get; }

    /// <summary>True when a live bar is drawn; false when plain lines are written.</summary>
    public bool IsLive { get; }

    /// <summary>Every report received, in order, including those of epochs that wrote no plain line: hand them to a
    /// plot after training.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>Runs <paramref name="train"/> (which fits a model whose trainer reports here) with the live display
    /// around it, and returns what it returns. Without a live display it simply runs it. If training ends early the
    /// bar is filled; if <paramref name="train"/> throws, the bar stops where training stopped and the exception
    /// propagates.</summary>
    /// <typeparam name="T">What <paramref name="train"/> returns, usually the fitted transformer.</typeparam>
    /// <param name="train">The training to run, on the calling thread.</param>
    /// <returns>The value <paramref name="train"/> returned.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    public T Run<T>(Func<T> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (!IsLive)
            return train();
        T result = default!;
        _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                _task = context.AddTask(Markup.Escape($"{Title}: epoch 0/{TotalEpochs}"), maxValue: TotalEpochs);
                try
                {
                    result = train();
                    // Early stopping ends before the last epoch: the bar is complete all the same.
                    _task.Value = _task.MaxValue;
                }
                finally
                {
                    // A run that threw keeps its bar where training stopped, so it does not look finished.
                    _task.StopTask();
                    _task = null;
                }
            });
        return result;
    }

    /// <summary>Runs <paramref name="train"/> with the live display around it, as <see cref="Run{T}(Func{T})"/> does, for
    /// training that returns nothing.</summary>
    /// <param name="train">The training to run, on the calling thread.</param>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    public void Run(Action train)
    {
        ArgumentNullException.ThrowIfNull(train);
        Run<object?>(() =>
        {
            train();
            return null;
        });
    }

    /// <summary>Records one epoch and shows it: inside <see cref="Run{T}(Func{T})"/> on a live console it moves the bar
    /// and shows the latest figures (<see cref="Figures"/>); otherwise it writes a plain line for the first five
    /// epochs, one every twentieth of <see cref="TotalEpochs"/> and the last, each with the epoch's figures, the count of
    /// epochs done and an upper bound of the time left (<see cref="EpochEstimate"/>).</summary>
    /// <param name="value">The epoch the trainer just finished.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public void Report(EpochReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _epochs.Add(value);
        _durations.Add(value.Duration);
        int done = value.Epoch + 1;
        var left = EpochEstimate.Remaining(_durations, Math.Max(TotalEpochs - done, 0));
        if (_task is { } task)
        {
            task.Description = Markup.Escape($"{Title}: epoch {done}/{TotalEpochs}  {Figures(value)}");
            task.Value = Math.Min(done, TotalEpochs);
            return;
        }
        if (IsPlainLine(value.Epoch))
            _plain.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{Title}] {value}; {done}/{TotalEpochs} epochs, at most {EpochEstimate.Format(left)} left"));
    }

    /// <summary>Plain mode writes the first five epochs, then one every twentieth of the run, and the last.</summary>
    private bool IsPlainLine(int epoch) =>
        epoch < 5 || (epoch + 1) % Math.Max(1, TotalEpochs / 20) == 0 || epoch + 1 == TotalEpochs;

    /// <summary>The figures of one epoch, short enough for one line beside the bar: "loss 0.1234 accuracy 0.9500 |
    /// val loss 0.2345 val accuracy 0.9100", four decimals, invariant culture. The metric and validation figures are
    /// left out when they are NaN (no metric, no validation set); the metric is called "metric" when the report names
    /// none.</summary>
    /// <param name="report">The epoch to describe.</param>
    /// <returns>The figures on one line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Figures(EpochReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string metric = report.MetricName.Length > 0 ? report.MetricName : "metric";
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"loss {report.TrainingLoss:0.0000}");
        if (!double.IsNaN(report.TrainingMetric))
            text.Append(CultureInfo.InvariantCulture, $" {metric} {report.TrainingMetric:0.0000}");
        if (!double.IsNaN(report.ValidationLoss))
            text.Append(CultureInfo.InvariantCulture, $" | val loss {report.ValidationLoss:0.0000}");
        if (!double.IsNaN(report.ValidationMetric))
            text.Append(CultureInfo.InvariantCulture, $" val {metric} {report.ValidationMetric:0.0000}");
        return text.ToString();
    }
}
