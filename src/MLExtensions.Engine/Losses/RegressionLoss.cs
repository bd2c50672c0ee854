using System.Numerics.Tensors;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Losses;

/// <summary>
/// A loss that compares each output with a target of the same position through a function of their
/// difference d = output − target. Following Keras, an example's loss is the mean of that function over its
/// outputs (the last axis), and the batch loss the weighted mean of the examples' losses; so the gradient of
/// output j of example i is ρ'(dᵢⱼ)/width · wᵢ/Σw.
/// </summary>
public abstract class RegressionLoss : Loss
{
    /// <inheritdoc/>
    public sealed override int TargetWidth(int outputWidth) => outputWidth;

    /// <inheritdoc/>
    public sealed override double Evaluate(
        ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> exampleWeights,
        int batch, int width, Span<float> outputGradient)
    {
        double totalWeight = CheckBatch(ref outputs, ref targets, ref exampleWeights, batch, width, ref outputGradient);

        bool gradient = !outputGradient.IsEmpty;
        Span<float> differenceScratch = stackalloc float[ElementWise.ChunkLength];
        Span<float> termScratch = stackalloc float[ElementWise.ChunkLength];
        double sum = 0;
        for (int row = 0; row < batch; row++)
        {
            int offset = row * width;
            float weight = ExampleWeight(exampleWeights, row);
            if (weight == 0)
            {
                if (gradient)
                    outputGradient.Slice(offset, width).Clear();
                continue;
            }
            float scale = (float)(weight / (totalWeight * width));
            double rowSum = 0;
            for (int start = 0; start < width; start += ElementWise.ChunkLength)
            {
                int length = Math.Min(ElementWise.ChunkLength, width - start);
                // The difference goes straight into the gradient buffer when there is one: it is overwritten by
                // the derivative right after, so no second pass over memory is needed.
                var difference = gradient ? outputGradient.Slice(offset + start, length) : differenceScratch[..length];
                TensorPrimitives.Subtract(outputs.Slice(offset + start, length), targets.Slice(offset + start, length), difference);
                rowSum += SumOfTerms(difference, termScratch[..length]);
                if (gradient)
                    DifferenceToGradient(difference, scale);
            }
            sum += weight * (rowSum / width);
        }
        return sum / totalWeight;
    }

    /// <summary>The raw outputs: a regression network predicts in target units.</summary>
    public sealed override void OutputTransform(ReadOnlySpan<float> outputs, Span<float> predictions, int batch, int width)
    {
        CheckTransformArguments(ref outputs, ref predictions, batch, width);
        outputs.CopyTo(predictions);
    }

    /// <summary>Σ ρ(d) over a chunk of differences; <paramref name="scratch"/> has the chunk's length.</summary>
    protected abstract double SumOfTerms(ReadOnlySpan<float> difference, Span<float> scratch);

    /// <summary>Replaces each difference d by ρ'(d)·<paramref name="scale"/>.</summary>
    protected abstract void DifferenceToGradient(Span<float> difference, float scale);
}
