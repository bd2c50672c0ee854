using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>
/// Keras 3's VarianceScaling, the common form of the Glorot, He and LeCun initializers: values with mean 0 and
/// variance scale/fan. The truncated normal draws N(0, σ²) cut at ±2σ with σ = √(scale/fan)/0.8796…, the
/// standard deviation of a unit normal truncated at ±2, so the truncation does not shrink the variance.
/// </summary>
public abstract class VarianceScaling : Initializer
{
    /// <summary>Standard deviation of a standard normal truncated to [−2, 2].</summary>
    internal const double TruncatedStandardDeviation = 0.87962566103423978;

    /// <summary>A variance-scaling initializer; the derived classes fix the three choices.</summary>
    /// <param name="scale">The numerator of the variance: 1 for Glorot and LeCun, 2 for He.</param>
    /// <param name="mode">The fan the variance divides by.</param>
    /// <param name="distribution">Uniform or truncated normal.</param>
    protected VarianceScaling(double scale, FanMode mode, ScalingDistribution distribution)
    {
        Scale = scale;
        Mode = mode;
        Distribution = distribution;
    }

    /// <summary>The numerator of the variance scale/fan: 1 for Glorot and LeCun, 2 for He.</summary>
    public double Scale { get; }

    /// <summary>The fan the variance divides by: fan average for Glorot, fan-in for He and LeCun.</summary>
    public FanMode Mode { get; }

    /// <summary>The distribution drawn from: uniform in ±√(3·variance), or the rescaled truncated normal.</summary>
    public ScalingDistribution Distribution { get; }

    /// <summary>The variance of the values this initializer draws for the given fans.</summary>
    public double Variance(int fanIn, int fanOut) => Scale / Mode switch
    {
        FanMode.FanIn => fanIn,
        FanMode.FanOut => fanOut,
        _ => (fanIn + (double)fanOut) / 2,
    };

    /// <inheritdoc/>
    public sealed override void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        CheckArguments(weights, fanIn, fanOut, random);
        double variance = Variance(fanIn, fanOut);
        if (Distribution == ScalingDistribution.Uniform)
        {
            double limit = Math.Sqrt(3 * variance);
            for (int i = 0; i < weights.Length; i++)
                weights[i] = (float)(limit * (2 * random.NextDouble() - 1));
        }
        else
        {
            double stddev = Math.Sqrt(variance) / TruncatedStandardDeviation;
            for (int i = 0; i < weights.Length; i++)
                weights[i] = (float)(stddev * TruncatedNormal.StandardSample(random));
        }
    }
}
