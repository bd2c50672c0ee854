using BenchmarkDotNet.Attributes;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;

namespace MLExtensions.Benchmarks;

/// <summary>
/// One epoch of the reference network (784-300-100-10, ReLU, softmax cross-entropy) over 55,000 random rows,
/// the shapes of the Fashion-MNIST reference experiment (samples/FashionMnist). Samples/s = 55,000 / mean time.
/// Configurations of that experiment: plain SGD 0.01 with batch 32, Adam 1e-3 with batch 128.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private TrainingData _data = null!;
    private MiniBatchTrainer _trainer = null!;

    [Params("sgd-b32", "adam-b128")]
    public string Config { get; set; } = "sgd-b32";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new RandomSource(42);
        _data = ReferenceTraining.RandomRows(random);
        var network = ReferenceTraining.Network(random);
        (Optimizer optimizer, int batch) = Config == "sgd-b32" ? ((Optimizer)new Sgd(0.01f), 32) : (new Adam(1e-3f), 128);
        _trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), optimizer, batch, Threads, seed: 42);
        _trainer.TrainEpoch(_data);
    }

    [GlobalCleanup]
    public void Cleanup() => _trainer.Dispose();

    [Benchmark]
    public double Epoch() => _trainer.TrainEpoch(_data);
}

/// <summary>Steady-state allocation of one training step (the memory diagnoser should report 0 B).</summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private MiniBatchTrainer _trainer = null!;
    private float[] _features = null!, _labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        const int batch = 128;
        var random = new RandomSource(7);
        _features = new float[batch * 784];
        for (int i = 0; i < _features.Length; i++)
            _features[i] = random.NextFloat();
        _labels = new float[batch];
        for (int i = 0; i < batch; i++)
            _labels[i] = random.NextInt(10);
        var network = new Network(784, new DenseLayer(300, Activation.FromName("relu")), new DenseLayer(100, Activation.FromName("relu")), new DenseLayer(10));
        network.InitializeParameters(random);
        _trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), new Adam(1e-3f), batch, numberOfThreads: 2, seed: 7);
        _trainer.Step(_features, _labels, ReadOnlySpan<float>.Empty, batch);
    }

    [GlobalCleanup]
    public void Cleanup() => _trainer.Dispose();

    [Benchmark]
    public double Step() => _trainer.Step(_features, _labels, ReadOnlySpan<float>.Empty, 128);
}
