using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>
/// N(mean, stddev²) restricted to within two standard deviations of the mean: values beyond are redrawn,
/// as in Keras (defaults mean 0, stddev 0.05). The resulting standard deviation is about 0.88·stddev.
/// </summary>
public sealed class TruncatedNormal : Initializer
{
    /// <summary>A truncated normal initializer with these parameters of the normal before truncation.</summary>
    /// <param name="mean">The mean; any finite number, default 0.</param>
    /// <param name="stddev">The standard deviation before truncation; finite and ≥ 0, default 0.05.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is NaN or infinite, or <paramref name="stddev"/> is negative.</exception>
    public TruncatedNormal(double mean = 0, double stddev = RandomNormal.DefaultStddev)
    {
        (Mean, Stddev) = RandomNormal.CheckMoments(mean, stddev);
    }

    /// <summary>The mean; carried by <see cref="GetConfig"/> as <c>mean</c>.</summary>
    public double Mean { get; }

    /// <summary>The standard deviation before truncation; carried by <see cref="GetConfig"/> as <c>stddev</c>.</summary>
    public double Stddev { get; }

    /// <inheritdoc/>
    public override string Name => "truncated_normal";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() =>
        new(Name, [new(RandomNormal.MeanParameter, Mean), new(RandomNormal.StddevParameter, Stddev)]);

    /// <inheritdoc/>
    public override void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        CheckArguments(weights, fanIn, fanOut, random);
        for (int i = 0; i < weights.Length; i++)
            weights[i] = (float)(Mean + Stddev * StandardSample(random));
    }

    /// <summary>A standard normal deviate conditioned on |z| ≤ 2, by rejection (accepts 95.4% of draws).</summary>
    internal static double StandardSample(RandomSource random)
    {
        while (true)
        {
            double z = random.NextGaussian();
            if (Math.Abs(z) <= 2)
                return z;
        }
    }
}
