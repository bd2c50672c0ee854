using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Tests.Optimizers;

/// <summary>An update split over threads gives bitwise the result of the same update on one thread.</summary>
public class ParallelUpdateTests
{
    public static TheoryData<string> Optimizers => new()
    {
        "sgd", "sgd-nesterov", "adagrad", "rmsprop", "rmsprop-centered-momentum", "adam", "adam-amsgrad", "adamw", "nadam", "adamax",
    };

    private static Optimizer Create(string name) => name switch
    {
        "sgd" => new Sgd(0.05f),
        "sgd-nesterov" => new Sgd(0.05f, momentum: 0.9f, nesterov: true),
        "adagrad" => new Adagrad(0.05f),
        "rmsprop" => new RmsProp(),
        "rmsprop-centered-momentum" => new RmsProp(momentum: 0.8f, centered: true),
        "adam" => new Adam(),
        "adam-amsgrad" => new Adam(amsgrad: true),
        "adamw" => new AdamW(),
        "nadam" => new Nadam(),
        _ => new Adamax(),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void ThreadsAndChunksDoNotChangeTheResult(string name)
    {
        const int length = 100_003;
        var random = new RandomSource(5);
        var start = Enumerable.Range(0, length).Select(_ => (float)random.NextGaussian()).ToArray();
        var gradients = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, length).Select(_ => (float)random.NextGaussian()).ToArray()).ToArray();
        var frozen = new[] { new Range(0, 40_001), new Range(50_000, length) };

        float[] Run(int threads, bool withRanges)
        {
            var parameters = (float[])start.Clone();
            var optimizer = Create(name);
            using var pool = threads > 1 ? new WorkerPool(threads) : null;
            foreach (var g in gradients)
            {
                if (withRanges)
                    optimizer.Update(parameters, g, frozen, pool);
                else
                    optimizer.Update(parameters, g, pool);
            }
            return parameters;
        }

        foreach (bool withRanges in new[] { false, true })
        {
            var single = Run(1, withRanges);
            Assert.Equal(single, Run(2, withRanges));
            Assert.Equal(single, Run(3, withRanges));
        }
        var partial = Run(2, withRanges: true);
        Assert.Equal(start.AsSpan(40_001, 50_000 - 40_001).ToArray(), partial.AsSpan(40_001, 50_000 - 40_001).ToArray());
    }
}
