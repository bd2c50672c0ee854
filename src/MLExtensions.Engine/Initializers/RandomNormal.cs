using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>Independent N(mean, stddev²) values; Keras' defaults mean 0, stddev 0.05.</summary>
public sealed class RandomNormal : Initializer
{
    /// <summary>The default standard deviation, 0.05 (Keras'); also <see cref="TruncatedNormal"/>'s.</summary>
    public const double DefaultStddev = 0.05;
    internal const string MeanParameter = "mean";
    internal const string StddevParameter = "stddev";

    /// <summary>A normal initializer with these moments.</summary>
    /// <param name="mean">The mean; any finite number, default 0.</param>
    /// <param name="stddev">The standard deviation; finite and ≥ 0, default <see cref="DefaultStddev"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A moment is NaN or infinite, or <paramref name="stddev"/> is negative.</exception>
    public RandomNormal(double mean = 0, double stddev = DefaultStddev)
    {
        (Mean, Stddev) = CheckMoments(mean, stddev);
    }

    /// <summary>The mean; carried by <see cref="GetConfig"/> as <c>mean</c>.</summary>
    public double Mean { get; }

    /// <summary>The standard deviation; carried by <see cref="GetConfig"/> as <c>stddev</c>.</summary>
    public double Stddev { get; }

    /// <inheritdoc/>
    public override string Name => "random_normal";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => new(Name, [new(MeanParameter, Mean), new(StddevParameter, Stddev)]);

    /// <inheritdoc/>
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
