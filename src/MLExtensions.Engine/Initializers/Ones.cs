using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>All ones, e.g. for a normalization layer's scale.</summary>
public sealed class Ones : Initializer
{
    public override string Name => "ones";

    public override void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        CheckArguments(weights, fanIn, fanOut, random);
        weights.Fill(1f);
    }
}
