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

    /// <summary>An initializer that writes <paramref name="value"/> everywhere.</summary>
    /// <param name="value">The value; any finite number, default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public Constant(double value = 0)
    {
        Value = Finite(value, nameof(value), "value");
    }

    /// <summary>The value written; carried by <see cref="GetConfig"/> as <c>value</c>.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    public override string Name => "constant";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => new(Name, [new(ValueParameter, Value)]);

    /// <inheritdoc/>
    public override void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        CheckArguments(weights, fanIn, fanOut, random);
        weights.Fill((float)Value);
    }
}
