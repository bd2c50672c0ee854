using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>Independent uniform values in [minval, maxval); Keras' defaults −0.05 and 0.05.</summary>
public sealed class RandomUniform : Initializer
{
    public const double DefaultLimit = 0.05;
    internal const string MinParameter = "minval";
    internal const string MaxParameter = "maxval";

    public RandomUniform(double minValue = -DefaultLimit, double maxValue = DefaultLimit)
    {
        if (!double.IsFinite(minValue) || !double.IsFinite(maxValue) || minValue > maxValue)
            throw new ArgumentException($"The bounds must be finite with minval ≤ maxval; got [{minValue}, {maxValue}].");
        MinValue = minValue;
        MaxValue = maxValue;
    }

    public double MinValue { get; }

    public double MaxValue { get; }

    public override string Name => "random_uniform";

    public override ComponentConfig GetConfig() => new(Name, [new(MinParameter, MinValue), new(MaxParameter, MaxValue)]);

    public override void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        CheckArguments(weights, fanIn, fanOut, random);
        double range = MaxValue - MinValue;
        for (int i = 0; i < weights.Length; i++)
            weights[i] = (float)(MinValue + range * random.NextDouble());
    }
}
