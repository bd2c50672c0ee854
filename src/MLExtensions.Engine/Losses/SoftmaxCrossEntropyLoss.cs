using System.Numerics.Tensors;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Losses;

/// <summary>
/// Cross-entropy of softmax(logits) against a class index, fused as log-sum-exp so no probability is ever
/// rounded to 0 before its logarithm is taken. Targets are one float per example holding the class index.
/// With label smoothing ε the target distribution is (1 − ε)·onehot + ε/K, as in Keras; the gradient is
/// (softmax − target distribution)·wᵢ/Σw. Class weights, if given, hold one weight per class.
/// </summary>
public sealed class SoftmaxCrossEntropyLoss : ClassificationLoss
{
    /// <summary>A cross-entropy with optional label smoothing and class weights.</summary>
    /// <param name="labelSmoothing">ε in [0, 1]; the target distribution becomes (1 − ε)·onehot + ε/K.</param>
    /// <param name="classWeights">Empty, or one weight per class.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="ArgumentException">
    /// A class weight is negative, NaN or infinite. (Whether their count matches the logits is checked by <see cref="Evaluate"/>.)
    /// </exception>
    public SoftmaxCrossEntropyLoss(double labelSmoothing = 0, ReadOnlySpan<float> classWeights = default)
        : base(labelSmoothing, classWeights)
    {
    }

    /// <inheritdoc/>
    public override string Name => "softmax_cross_entropy";

    /// <inheritdoc/>
    public override double Evaluate(
        ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> exampleWeights,
        int batch, int width, Span<float> outputGradient)
    {
        double totalWeight = CheckBatch(ref outputs, ref targets, ref exampleWeights, batch, width, ref outputGradient);

        double smoothing = LabelSmoothing;
        bool gradient = !outputGradient.IsEmpty;
        Span<float> scratch = stackalloc float[ElementWise.ChunkLength];
        double sum = 0;
        for (int row = 0; row < batch; row++)
        {
            var z = outputs.Slice(row * width, width);
            var g = gradient ? outputGradient.Slice(row * width, width) : Span<float>.Empty;
            double weight = RowWeight(targets, exampleWeights, row, width);
            if (weight == 0)
            {
                g.Clear();
                continue;
            }
            int target = (int)targets[row];
            float max = TensorPrimitives.Max(z);
            double expSum = gradient ? ShiftedExponentials(z, max, g) : ShiftedExponentialSum(z, max, scratch);

            // l = log Σ e^(z − m) + (1 − ε)(m − z_t) + ε(m − mean z): every term is O(1) even for huge logits.
            double loss = Math.Log(expSum) + (1 - smoothing) * ((double)max - z[target]);
            if (smoothing > 0)
                loss += smoothing * ((double)max - (double)TensorPrimitives.Sum(z) / width);
            sum += weight * loss;

            if (gradient)
            {
                double scale = weight / totalWeight;
                TensorPrimitives.Multiply(g, (float)(scale / expSum), g);
                g[target] -= (float)((1 - smoothing) * scale);
                if (smoothing > 0)
                    TensorPrimitives.Add(g, (float)(-smoothing / width * scale), g);
            }
        }
        return sum / totalWeight;
    }

    /// <summary>Row-wise softmax, shifted by the row maximum so large logits cannot overflow.</summary>
    public override void OutputTransform(ReadOnlySpan<float> outputs, Span<float> predictions, int batch, int width)
    {
        CheckTransformArguments(ref outputs, ref predictions, batch, width);
        for (int row = 0; row < batch; row++)
        {
            var z = outputs.Slice(row * width, width);
            var p = predictions.Slice(row * width, width);
            float max = TensorPrimitives.Max(z);
            double expSum = ShiftedExponentials(z, max, p);
            TensorPrimitives.Multiply(p, (float)(1 / expSum), p);
        }
    }

    private protected override void CheckWidth(int width)
    {
        if (width < 2)
            throw new ArgumentException("The softmax cross-entropy needs at least two classes; use the binary cross-entropy for one logit.", nameof(width));
        if (ClassWeights.Length != 0 && ClassWeights.Length != width)
            throw new ArgumentException($"There are {ClassWeights.Length} class weights for {width} classes.", nameof(width));
    }

    private protected override int TargetClass(float target, int row, int width)
    {
        if (!(target >= 0 && target < width && target == MathF.Floor(target)))
            throw new ArgumentException($"Row {row}: the target {target} is not a class index in [0, {width}).", "targets");
        return (int)target;
    }

    private static double ShiftedExponentials(ReadOnlySpan<float> z, float max, Span<float> destination)
    {
        TensorPrimitives.Subtract(z, max, destination);
        TensorPrimitives.Exp(destination, destination);
        return TensorPrimitives.Sum(destination);
    }

    private static double ShiftedExponentialSum(ReadOnlySpan<float> z, float max, Span<float> scratch)
    {
        double sum = 0;
        for (int start = 0; start < z.Length; start += scratch.Length)
        {
            int length = Math.Min(scratch.Length, z.Length - start);
            sum += ShiftedExponentials(z.Slice(start, length), max, scratch[..length]);
        }
        return sum;
    }
}
