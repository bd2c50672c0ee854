using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Losses;

/// <summary>
/// Cross-entropy of σ(z) against a target y ∈ [0, 1] for a single logit z per example, in the stable form
/// max(z, 0) − z·y + log(1 + e^−|z|); the gradient is (σ(z) − y)·wᵢ/Σw. Label smoothing ε replaces y by
/// y(1 − ε) + ε/2 as Keras does. Class weights are two numbers, for class 0 and class 1; a soft target
/// counts as class 1 when it exceeds 0.5 (Keras rounds half to even, so 0.5 is class 0 there too).
/// </summary>
public sealed class BinaryCrossEntropyLoss : ClassificationLoss
{
    /// <summary>A cross-entropy with optional label smoothing and class weights.</summary>
    /// <param name="labelSmoothing">ε in [0, 1]; the target y becomes y(1 − ε) + ε/2.</param>
    /// <param name="classWeights">Empty, or the weights of class 0 and class 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="ArgumentException">There are class weights but not two, or one is negative, NaN or infinite.</exception>
    public BinaryCrossEntropyLoss(double labelSmoothing = 0, ReadOnlySpan<float> classWeights = default)
        : base(labelSmoothing, classWeights)
    {
        if (!classWeights.IsEmpty && classWeights.Length != 2)
            throw new ArgumentException($"The binary cross-entropy takes two class weights (class 0, class 1), not {classWeights.Length}.", nameof(classWeights));
    }

    /// <inheritdoc/>
    public override string Name => "binary_cross_entropy";

    /// <inheritdoc/>
    public override double Evaluate(
        ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> exampleWeights,
        int batch, int width, Span<float> outputGradient)
    {
        double totalWeight = CheckBatch(ref outputs, ref targets, ref exampleWeights, batch, width, ref outputGradient);

        float keep = (float)(1 - LabelSmoothing), shift = (float)(0.5 * LabelSmoothing);
        Span<float> softplus = stackalloc float[ElementWise.ChunkLength];
        Span<float> weights = stackalloc float[ElementWise.ChunkLength];
        double sum = 0;
        for (int start = 0; start < batch; start += ElementWise.ChunkLength)
        {
            int length = Math.Min(ElementWise.ChunkLength, batch - start);
            var z = outputs.Slice(start, length);
            var y = targets.Slice(start, length);
            var sp = softplus[..length];
            var w = weights[..length];
            Softplus.Evaluate(z, sp);
            for (int i = 0; i < length; i++)
            {
                double weight = RowWeight(targets, exampleWeights, start + i, width);
                w[i] = (float)(weight / totalWeight);
                if (weight != 0)
                    sum += weight * (sp[i] - (double)z[i] * (y[i] * keep + shift));
            }
            if (!outputGradient.IsEmpty)
            {
                var g = outputGradient.Slice(start, length);
                TensorPrimitives.Sigmoid(z, g);
                ElementWise.Map(g, y, w, g, new Gradient(keep, shift));
            }
        }
        return sum / totalWeight;
    }

    /// <summary>The probability of class 1, σ(z).</summary>
    public override void OutputTransform(ReadOnlySpan<float> outputs, Span<float> predictions, int batch, int width)
    {
        CheckTransformArguments(ref outputs, ref predictions, batch, width);
        CheckWidth(width);
        TensorPrimitives.Sigmoid(outputs, predictions);
    }

    private protected override void CheckWidth(int width)
    {
        if (width != 1)
            throw new ArgumentException($"The binary cross-entropy takes one logit per example, not {width}.", nameof(width));
    }

    /// <summary>A soft target counts as class 1 when it exceeds 0.5.</summary>
    private protected override int TargetClass(float target, int row, int width)
    {
        if (!(target >= 0 && target <= 1))
            throw new ArgumentException($"Row {row}: the binary target {target} is outside [0, 1].", "targets");
        return target > 0.5f ? 1 : 0;
    }

    /// <summary>(σ(z) − smoothed y)·wᵢ/Σw, with the scaled weight precomputed per example.</summary>
    private readonly struct Gradient(float keep, float shift) : ITernaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV sigma, TV y, TV scaledWeight) where TL : ILanes<TV> where TV : struct =>
            TL.Multiply(TL.Subtract(sigma, TL.Add(TL.Multiply(y, TL.Broadcast(keep)), TL.Broadcast(shift))), scaledWeight);
    }
}
