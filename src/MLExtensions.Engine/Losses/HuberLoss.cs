using System.Numerics;
using System.Numerics.Tensors;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Losses;

/// <summary>
/// ρ(d) = d²/2 for |d| ≤ δ and δ(|d| − δ/2) beyond, averaged over an example's outputs (Keras' Huber, δ = 1
/// by default); ρ'(d) = clip(d, −δ, δ).
/// </summary>
public sealed class HuberLoss : RegressionLoss
{
    public const double DefaultDelta = 1.0;
    internal const string DeltaParameter = "delta";

    public HuberLoss(double delta = DefaultDelta)
    {
        if (!(delta > 0 && double.IsFinite(delta)))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Delta must be positive and finite.");
        Delta = delta;
    }

    public double Delta { get; }

    public override string Name => "huber";

    public override ComponentConfig GetConfig() => new(Name, [new(DeltaParameter, Delta)]);

    protected override double SumOfTerms(ReadOnlySpan<float> difference, Span<float> scratch)
    {
        VectorMap.Apply(difference, scratch, new Term(new Vector<float>((float)Delta)));
        return TensorPrimitives.Sum(scratch);
    }

    protected override void DifferenceToGradient(Span<float> difference, float scale)
    {
        float delta = (float)Delta;
        TensorPrimitives.Clamp(difference, -delta, delta, difference);
        TensorPrimitives.Multiply(difference, scale, difference);
    }

    private readonly struct Term(Vector<float> delta) : IUnaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> d)
        {
            var magnitude = Vector.Abs(d);
            var quadratic = new Vector<float>(0.5f) * d * d;
            var linear = delta * (magnitude - new Vector<float>(0.5f) * delta);
            return Vector.ConditionalSelect(Vector.LessThanOrEqual(magnitude, delta), quadratic, linear);
        }
    }
}
