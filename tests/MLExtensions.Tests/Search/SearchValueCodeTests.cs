using MLExtensions.Engine.Randomness;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Search;

/// <summary>A trial's values as one number per parameter (how they travel to another process) and back.</summary>
public class SearchValueCodeTests
{
    private static readonly int[][] Layers = { new[] { 4 }, new[] { 8, 4 } };

    private readonly SearchSpace<MlpBinaryTrainer.Options> _space = new SearchSpace<MlpBinaryTrainer.Options>()
        .LogUniform("LearningRate", 1e-4, 0.1, (o, v) => o.LearningRate = (float)v)
        .IntRange("BatchSize", 8, 64, (o, v) => o.BatchSize = v)
        .Choice("HiddenLayerSizes", Layers, (o, v) => o.HiddenLayerSizes = v)
        .Choice("Optimizer", new[] { MlpOptimizer.Adam, MlpOptimizer.Sgd }, (o, v) => o.Optimizer = v);

    [Fact]
    public void EverySampledValueComesBackAsTheSameValue()
    {
        var random = new RandomSource(3);
        for (int i = 0; i < 50; i++)
        {
            foreach (var parameter in _space.Parameters)
            {
                var value = parameter.Sample(random);
                var back = parameter.FromCode(parameter.ToCode(value));
                if (value is int[] sizes)
                    Assert.Same(sizes, back); // the space's own array, as the sampled one is
                else
                    Assert.Equal(value, back);
            }
        }
        // A real value travels bit for bit.
        var rate = _space.Parameters[0];
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0123456789012345), BitConverter.DoubleToInt64Bits((double)rate.FromCode(rate.ToCode(0.0123456789012345))));
    }

    [Fact]
    public void SamplesAreTheEnginesGeneratorDrawsMappedOntoEachRange()
    {
        // One generator for the search and a twin for the hand computation: the same seed, the same draws in order.
        var random = new RandomSource(7);
        var twin = new RandomSource(7);
        for (int i = 0; i < 20; i++)
        {
            double rate = (double)_space.Parameters[0].Sample(random);
            double logMin = Math.Log(1e-4), logMax = Math.Log(0.1);
            Assert.Equal(Math.Exp(logMin + twin.NextDouble() * (logMax - logMin)), rate, 15);
            Assert.Equal(8 + twin.NextInt(64 - 8 + 1), (int)_space.Parameters[1].Sample(random));
            Assert.Same(Layers[twin.NextInt(Layers.Length)], _space.Parameters[2].Sample(random));
            Assert.Equal(new[] { MlpOptimizer.Adam, MlpOptimizer.Sgd }[twin.NextInt(2)], _space.Parameters[3].Sample(random));
        }
    }

    [Fact]
    public void AnIntegerRangeWiderThanAnIntCanCountCoversBothHalves()
    {
        var whole = new SearchSpace<MlpBinaryTrainer.Options>().IntRange("Any", int.MinValue, int.MaxValue, (o, v) => o.BatchSize = v).Parameters[0];
        var random = new RandomSource(1);
        var values = Enumerable.Range(0, 64).Select(_ => (int)whole.Sample(random)).ToArray();
        // Each draw is the high half of one 64-bit output, offset from int.MinValue: the same generator says which.
        var twin = new RandomSource(1);
        Assert.Equal(values, Enumerable.Range(0, 64).Select(_ => (int)(int.MinValue + (long)(twin.NextUInt64() >> 32))));
        Assert.Contains(values, v => v < 0);
        Assert.Contains(values, v => v > 0);
    }

    [Fact]
    public void AChoiceCodesItsIndexAmongTheChoices()
    {
        var layers = _space.Parameters[2];
        Assert.Equal(1, layers.ToCode(Layers[1]));
        // An equal array that is not one of the space's own is not a choice of it.
        var error = Assert.Throws<ArgumentException>(() => layers.ToCode(new[] { 8, 4 }));
        Assert.Contains("HiddenLayerSizes", error.Message);
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => layers.FromCode(2));
        Assert.Contains("has 2 values", outOfRange.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => layers.FromCode(0.5));
    }

    [Fact]
    public void GridCombinationsVaryTheFirstParameterSlowest()
    {
        var space = new SearchSpace<MlpBinaryTrainer.Options>()
            .Choice("A", new[] { 1, 2 }, (o, v) => o.BatchSize = v)
            .Choice("B", new[] { 10, 20, 30 }, (o, v) => o.NumberOfEpochs = v);

        var grid = space.GridCombinations(3);

        Assert.Equal(new[] { "1,10", "1,20", "1,30", "2,10", "2,20", "2,30" }, grid.Select(c => $"{c["A"]},{c["B"]}"));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.GridCombinations(0));
    }
}
