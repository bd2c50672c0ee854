using Microsoft.ML;
using MLExtensions.Engine.Training;
using MLExtensions.Trainers;

namespace MLExtensions;

/// <summary>
/// Watches one search trial's fits: counts the epochs its MLPs ran and, as soon as one of them stopped as diverged (its
/// options' <c>DivergenceFactor</c> was exceeded, or a loss became NaN), ends the trial, so its remaining folds are not
/// trained. It reads the fitted models' histories only: the trial's options are never touched.
/// </summary>
internal sealed class DivergedTrialCheck
{
    /// <summary>Epochs run by the trial's MLPs so far; null while none has been fitted (other estimators report none).</summary>
    public int? EpochsRun { get; private set; }

    public IEstimator<ITransformer> Wrap(IEstimator<ITransformer> estimator) => new CheckedEstimator(estimator, this);

    private void Inspect(ITransformer model)
    {
        foreach (var mlp in Mlps(model))
        {
            var history = mlp.Model.History;
            EpochsRun = (EpochsRun ?? 0) + history.Epochs.Count;
            if (history.StopReason == StopReason.Diverged)
                throw new TrialDivergedException(history.StopMessage);
        }
    }

    private static IEnumerable<MlpTransformerBase> Mlps(ITransformer model) => model switch
    {
        MlpTransformerBase mlp => new[] { mlp },
        IEnumerable<ITransformer> chain => chain.SelectMany(Mlps),
        _ => Array.Empty<MlpTransformerBase>(),
    };

    private sealed class CheckedEstimator : IEstimator<ITransformer>
    {
        private readonly IEstimator<ITransformer> _inner;
        private readonly DivergedTrialCheck _check;

        public CheckedEstimator(IEstimator<ITransformer> inner, DivergedTrialCheck check)
        {
            _inner = inner;
            _check = check;
        }

        public ITransformer Fit(IDataView input)
        {
            var model = _inner.Fit(input);
            _check.Inspect(model);
            return model;
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _inner.GetOutputSchema(inputSchema);
    }
}

/// <summary>A trial's fit stopped as diverged; the search records the trial as <see cref="TrialStatus.Diverged"/>.</summary>
internal sealed class TrialDivergedException : Exception
{
    public TrialDivergedException(string message)
        : base(message)
    {
    }
}
