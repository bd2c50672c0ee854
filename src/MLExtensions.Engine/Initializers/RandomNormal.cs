using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>Independent N(mean, stddev²) values; Keras' defaults mean 0, stddev 0.05.</summary>
public sealed class RandomNormal : Initializer
{
    public const double DefaultStddev = 0.05;
    internal const string MeanParameter = "mean";
    internal const string StddevParameter = "stddev";

    public RandomNormal(double mean = 0, double stddev = DefaultStddev)
    {
        (Mean, Stddev) = CheckMoments(mean, stddev);
    }

    public double Mean { get; }

    public double Stddev { get; }

    public override string Name => "random_normal";

    public override ComponentConfig GetConfig() => new(Name, [new(MeanParameter, Mean), new(StddevParameter, Stddev)]);

    public override void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        CheckArguments(weights, fanIn, fanOut, random);
        for (int i = 0; i < weights.Length; i++)
            weights[i] = (float)(Mean + Stddev * random.NextGaussian());
    }

    internal static (double Mean, double Stddev) CheckMoments(double mean, double stddev)
    {
        Finite(mean, nameof(mean), "mean");
        if (!(stddev >= 0 && double.IsFinite(stddev)))
            throw new ArgumentOutOfRangeException(nameof(stddev), stddev, "The standard deviation must be finite and non-negative.");
        return (mean, stddev);
    }
}
