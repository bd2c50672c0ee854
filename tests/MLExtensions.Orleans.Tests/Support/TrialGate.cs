using Microsoft.ML;

namespace MLExtensions.Distributed.Tests.Support;

/// <summary>
/// Holds the first fit of a gated estimator (on whichever silo it runs) until the test releases it, and tells the test
/// which silo it holds: a deterministic "mid-trial" moment to stop that silo at. Later fits pass straight through.
/// </summary>
public sealed class TrialGate
{
    private readonly TaskCompletionSource<string> _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();
    private int _armed = 1;

    /// <summary>The name of the silo whose fit is being held.</summary>
    public Task<string> Entered => _entered.Task;

    public void Release() => _released.Set();

    public IEstimator<ITransformer> Wrap(string silo, IEstimator<ITransformer> inner) => new GatedEstimator(this, silo, inner);

    private sealed class GatedEstimator : IEstimator<ITransformer>
    {
        private readonly TrialGate _gate;
        private readonly string _silo;
        private readonly IEstimator<ITransformer> _inner;

        public GatedEstimator(TrialGate gate, string silo, IEstimator<ITransformer> inner)
        {
            _gate = gate;
            _silo = silo;
            _inner = inner;
        }

        public ITransformer Fit(IDataView input)
        {
            if (Interlocked.Exchange(ref _gate._armed, 0) == 1)
            {
                _gate._entered.TrySetResult(_silo);
                _gate._released.Wait();
            }
            return _inner.Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _inner.GetOutputSchema(inputSchema);
    }
}
