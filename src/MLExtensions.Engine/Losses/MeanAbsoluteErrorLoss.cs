using System.Numerics;
using System.Numerics.Tensors;
using MLExtensions.Engine.Activations;

namespace MLExtensions.Engine.Losses;

/// <summary>ρ(d) = |d|, averaged over an example's outputs; the subgradient is sign(d), taken as 0 at d = 0.</summary>
public sealed class MeanAbsoluteErrorLoss : RegressionLoss
{
    public override string Name => "mean_absolute_error";

    protected override double SumOfTerms(ReadOnlySpan<float> difference, Span<float> scratch) => TensorPrimitives.SumOfMagnitudes(difference);

    protected override void DifferenceToGradient(Span<float> difference, float scale) =>
        VectorMap.Apply(difference, difference, new ScaledSign(new Vector<float>(scale)));

    private readonly struct ScaledSign(Vector<float> scale) : IUnaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> d) =>
            Vector.ConditionalSelect(Vector.GreaterThan(d, Vector<float>.Zero), scale,
                Vector.ConditionalSelect(Vector.LessThan(d, Vector<float>.Zero), -scale, Vector<float>.Zero));
    }
}
