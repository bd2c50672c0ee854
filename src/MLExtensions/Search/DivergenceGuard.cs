using Microsoft.ML;
using MLExtensions.Engine.Training;
using MLExtensions.Trainers;

namespace MLExtensions;

/// <summary>
/// Cuts a trial short when its training loss explodes: hooked into an MLP trainer's Progress, it cancels the trainer's
/// token as soon as an epoch's training loss exceeds the factor times the first epoch's (or is not finite), and its
/// estimator wrapper then aborts the remaining folds. Each Fit is judged against its own first epoch.
/// </summary>
internal sealed class DivergenceGuard : IProgress<EpochReport>, IDisposable
{
    private readonly double _factor;
    private readonly IProgress<EpochReport>? _inner;
    private readonly CancellationTokenSource _cancellation;
    private double _firstLoss = double.NaN;

    private readonly MlpTrainerOptionsBase _options;
    private readonly CancellationToken _outer;

    private DivergenceGuard(MlpTrainerOptionsBase options, double factor)
    {
        _options = options;
        _factor = factor;
        _inner = options.Progress;
        _outer = options.CancellationToken;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(_outer);
    }

    public bool Diverged { get; private set; }

    public string? Reason { get; private set; }

    public int EpochsRun { get; private set; }

    /// <summary>Hooks a guard into MLP options (returns null for other options, which then run unguarded).</summary>
    public static DivergenceGuard? Attach(object options, double factor)
    {
        if (options is not MlpTrainerOptionsBase mlp)
            return null;
        var guard = new DivergenceGuard(mlp, factor);
        mlp.Progress = guard;
        mlp.CancellationToken = guard._cancellation.Token;
        return guard;
    }

    // Called synchronously by the trainer after each epoch, before it starts the next.
    public void Report(EpochReport value)
    {
        _inner?.Report(value);
        EpochsRun++;
        if (value.Epoch == 0)
            _firstLoss = value.TrainingLoss;
        bool exploded = !double.IsFinite(value.TrainingLoss) || (value.Epoch > 0 && value.TrainingLoss > _factor * _firstLoss);
        if (exploded && !Diverged)
        {
            Diverged = true;
            Reason = $"epoch {value.Epoch + 1}: training loss {value.TrainingLoss:G4} > {_factor} × first epoch's {_firstLoss:G4}";
            _cancellation.Cancel();
        }
    }

    /// <summary>Unhooks from the options, so options a creator hands out more than once do not pile up guards.</summary>
    public void Dispose()
    {
        _options.Progress = _inner;
        _options.CancellationToken = _outer;
        _cancellation.Dispose();
    }

    public IEstimator<ITransformer> Wrap(IEstimator<ITransformer> estimator) => new GuardedEstimator(estimator, this);

    private void Check(ITransformer model)
    {
        if (!Diverged && DivergedHistory(model) is { } history)
        {
            Diverged = true;
            Reason = history.StopMessage;
        }
        if (Diverged)
            throw new TrialDivergedException(Reason ?? "the training loss diverged");
    }

    // The trainer's own guard also stops on NaN losses, which never reach Progress; its history says so.
    private static TrainingHistory? DivergedHistory(ITransformer model) => model switch
    {
        MlpTransformerBase mlp when mlp.Model.History.StopReason == StopReason.Diverged => mlp.Model.History,
        IEnumerable<ITransformer> chain => chain.Select(DivergedHistory).FirstOrDefault(h => h is not null),
        _ => null,
    };

    private sealed class GuardedEstimator : IEstimator<ITransformer>
    {
        private readonly IEstimator<ITransformer> _inner;
        private readonly DivergenceGuard _guard;

        public GuardedEstimator(IEstimator<ITransformer> inner, DivergenceGuard guard)
        {
            _inner = inner;
            _guard = guard;
        }

        public ITransformer Fit(IDataView input)
        {
            _guard._firstLoss = double.NaN;
            var model = _inner.Fit(input);
            _guard.Check(model);
            return model;
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _inner.GetOutputSchema(inputSchema);
    }
}

internal sealed class TrialDivergedException : Exception
{
    public TrialDivergedException(string message) : base(message) { }
}
