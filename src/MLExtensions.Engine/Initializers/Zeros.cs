using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>All zeros: the usual bias initializer.</summary>
public sealed class Zeros : Initializer
{
    public override string Name => "zeros";

    public override void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        CheckArguments(weights, fanIn, fanOut, random);
        weights.Clear();
    }
}
