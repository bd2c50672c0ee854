using System.Numerics.Tensors;

namespace MLExtensions.Engine.Losses;

/// <summary>ρ(d) = d², averaged over an example's outputs; ρ'(d) = 2d.</summary>
public sealed class MeanSquaredErrorLoss : RegressionLoss
{
    /// <inheritdoc/>
    public override string Name => "mean_squared_error";

    /// <inheritdoc/>
    protected override double SumOfTerms(ReadOnlySpan<float> difference, Span<float> scratch) => TensorPrimitives.SumOfSquares(difference);

    /// <inheritdoc/>
    protected override void DifferenceToGradient(Span<float> difference, float scale) => TensorPrimitives.Multiply(difference, 2 * scale, difference);
}
