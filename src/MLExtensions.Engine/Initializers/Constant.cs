using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>
/// Every value equal to <see cref="Value"/> (0 by default, as in Keras); <see cref="Zeros"/> and <see cref="Ones"/> are its
/// two named cases.
/// </summary>
public class Constant : Initializer
{
    internal const string ValueParameter = "value";

    public Constant(double value = 0)
    {
        Value = Finite(value, nameof(value), "value");
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
