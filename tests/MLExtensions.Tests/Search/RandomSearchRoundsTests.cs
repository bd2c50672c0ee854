using MLExtensions.Engine.Randomness;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Search;

/// <summary>The values a random search asks for, drawn by the engine's generator from the search's seed.</summary>
public class RandomSearchRoundsTests
{
    private readonly SearchSpace<MlpBinaryTrainer.Options> _space = new SearchSpace<MlpBinaryTrainer.Options>()
        .Uniform("Momentum", 0, 0.9, (o, v) => o.Momentum = (float)v)
        .IntRange("BatchSize", 8, 64, (o, v) => o.BatchSize = v);

    private static readonly SearchObjective Unscored = new("Accuracy", maximize: true, "unscored", _ => throw new InvalidOperationException("not scored"));

    [Fact]
    public void TheFirstRoundDrawsEachTrialsValuesInParameterOrderFromTheSeed()
    {
        var rounds = new RandomSearchRounds<MlpBinaryTrainer.Options>(_space, Unscored, numberOfTrials: 4, seed: 21,
            refinementRounds: 0, trialsPerRefinement: null, refineAroundBest: 3);

        var values = rounds.Next(Array.Empty<SearchTrial>())!;

        var twin = new RandomSource(21);
        foreach (var trial in values)
        {
            Assert.Equal(0.9 * twin.NextDouble(), (double)trial["Momentum"], 15);
            Assert.Equal(8 + twin.NextInt(57), (int)trial["BatchSize"]);
        }
        Assert.Null(rounds.Next(Array.Empty<SearchTrial>()));
    }

    [Fact]
    public void ANegativeSeedIsASeedOfItsOwn()
    {
        IReadOnlyList<IReadOnlyDictionary<string, object>> First(int? seed) =>
            new RandomSearchRounds<MlpBinaryTrainer.Options>(_space, Unscored, 3, seed, 0, null, 3).Next(Array.Empty<SearchTrial>())!;
        string Describe(int? seed) => string.Join("|", First(seed).Select(v => $"{v["Momentum"]:R},{v["BatchSize"]}"));

        Assert.Equal(Describe(-5), Describe(-5));
        Assert.NotEqual(Describe(5), Describe(-5));
        // No seed is seed 0: a search without one is still reproducible.
        Assert.Equal(Describe(0), Describe(null));
    }
}
