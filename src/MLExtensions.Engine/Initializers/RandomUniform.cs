using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>Independent uniform values in [minval, maxval); Keras' defaults −0.05 and 0.05.</summary>
public sealed class RandomUniform : Initializer
{
    /// <summary>The default bound, 0.05: values fall in [−0.05, 0.05) as in Keras.</summary>
    public const double DefaultLimit = 0.05;
    internal const string MinParameter = "minval";
    internal const string MaxParameter = "maxval";

    /// <summary>A uniform initializer over [<paramref name="minValue"/>, <paramref name="maxValue"/>).</summary>
    /// <param name="minValue">The inclusive lower bound; finite, default −<see cref="DefaultLimit"/>.</param>
    /// <param name="maxValue">The exclusive upper bound; finite and ≥ <paramref name="minValue"/>, default <see cref="DefaultLimit"/>.</param>
    /// <exception cref="ArgumentException">A bound is NaN or infinite, or <paramref name="minValue"/> &gt; <paramref name="maxValue"/>.</exception>
    public RandomUniform(double minValue = -DefaultLimit, double maxValue = DefaultLimit)
    {
        if (!double.IsFinite(minValue) || !double.IsFinite(maxValue) || minValue > maxValue)
            throw new ArgumentException($"The bounds must be finite with minval ≤ maxval; got [{minValue}, {maxValue}].");
        MinValue = minValue;
        MaxValue = maxValue;
    }

    /// <summary>The inclusive lower bound; carried by <see cref="GetConfig"/> as <c>minval</c>.</summary>
    public double MinValue { get; }

    /// <summary>The exclusive upper bound; carried by <see cref="GetConfig"/> as <c>maxval</c>.</summary>
    public double MaxValue { get; }

    /// <inheritdoc/>
    public override string Name => "random_uniform";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => new(Name, [new(MinParameter, MinValue), new(MaxParameter, MaxValue)]);

    /// <inheritdoc/>
    public override void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        CheckArguments(weights, fanIn, fanOut, random);
        double range = MaxValue - MinValue;
        for (int i = 0; i < weights.Length; i++)
            weights[i] = (float)(MinValue + range * random.NextDouble());
    }
}
