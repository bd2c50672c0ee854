using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using MLExtensions.Trainers;

namespace MLExtensions.Benchmarks;

/// <summary>
/// What one <c>Fit</c> of the regression MLP allocates on 1,000,000 rows of 100 floats (404 MB of features and labels),
/// with the default hold-out of a tenth for early stopping, one epoch, one thread: the memory diagnoser's "Allocated" is
/// every byte the fit allocated, an upper bound on how far it raises the heap. Divide by 404,000,000 for the multiple of
/// the data. <see cref="FitPeakMemory"/> measures the process's peak instead.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 2)]
public class FitMemoryBenchmarks
{
    public const int Rows = 1_000_000, Width = 100;

    private MLContext _mlContext = null!;
    private SyntheticRows _data = null!;

    [Params(true, false)]
    public bool KnownRowCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _mlContext = new MLContext(seed: 1);
        _data = new SyntheticRows(Rows, Width, KnownRowCount);
    }

    public static MlpRegressionTrainer.Options Options() => new()
    {
        HiddenLayerSizes = new[] { 16 },
        NumberOfEpochs = 1,
        NumberOfThreads = 1,
        Seed = 1,
    };

    [Benchmark]
    public MlpRegressionTransformer Fit() => _mlContext.Regression.Trainers.Mlp(Options()).Fit(_data);
}
