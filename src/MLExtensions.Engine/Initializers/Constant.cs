using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>Every value equal to <see cref="Value"/> (0 by default, as in Keras).</summary>
public sealed class Constant : Initializer
{
    internal const string ValueParameter = "value";

    public Constant(double value = 0)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "The value must be finite.");
        Value = value;
    }

    public double Value { get; }

    public override string Name => "constant";

    public override ComponentConfig GetConfig() => new(Name, [new(ValueParameter, Value)]);

    public override void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        CheckArguments(weights, fanIn, fanOut, random);
        weights.Fill((float)Value);
    }
}
