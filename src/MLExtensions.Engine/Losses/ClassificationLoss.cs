using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Losses;

/// <summary>
/// A cross-entropy over logits with one target value per example (a class index or a binary target), Keras's
/// label smoothing and optional class weights: an example weighs its example weight times the weight of its class.
/// </summary>
public abstract class ClassificationLoss : Loss
{
    private readonly float[] _classWeights;

    private protected ClassificationLoss(double labelSmoothing, ReadOnlySpan<float> classWeights)
    {
        LabelSmoothing = CheckLabelSmoothing(labelSmoothing);
        _classWeights = CopyClassWeights(classWeights, nameof(classWeights));
    }

    /// <summary>ε in [0, 1]: the target distribution moves the fraction ε of its mass evenly onto every class.</summary>
    public double LabelSmoothing { get; }

    /// <summary>One weight per class, or empty when classes are unweighted.</summary>
    public ReadOnlySpan<float> ClassWeights => _classWeights;

    /// <summary>1: one class index or binary target per example, whatever the number of logits.</summary>
    public sealed override int TargetWidth(int outputWidth) => 1;

    /// <summary>The name and the label smoothing; the class weights are not scalars and are not part of it.</summary>
    public sealed override ComponentConfig GetConfig() => new(Name, [new(LabelSmoothingParameter, LabelSmoothing)]);

    /// <summary>The example weights times the class weights of the examples' classes.</summary>
    public sealed override double TotalWeight(ReadOnlySpan<float> targets, ReadOnlySpan<float> exampleWeights, int batch, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        CheckWidth(width);
        if (targets.Length < batch || (!exampleWeights.IsEmpty && exampleWeights.Length < batch))
            throw new ArgumentException($"{batch} examples need {batch} targets and weights; got {targets.Length} and {exampleWeights.Length}.");
        double total = 0;
        for (int row = 0; row < batch; row++)
            total += RowWeight(targets, exampleWeights, row, width);
        return total;
    }

    /// <summary>Throws unless this loss can take <paramref name="width"/> logits per example (and as many class weights).</summary>
    private protected abstract void CheckWidth(int width);

    /// <summary>The class the target of <paramref name="row"/> counts as; throws, naming the row, when the target is invalid.</summary>
    private protected abstract int TargetClass(float target, int row, int width);

    /// <summary>The weight of <paramref name="row"/> in the weighted mean; checks its target.</summary>
    private protected double RowWeight(ReadOnlySpan<float> targets, ReadOnlySpan<float> exampleWeights, int row, int width)
    {
        int targetClass = TargetClass(targets[row], row, width);
        float weight = ExampleWeight(exampleWeights, row);
        return _classWeights.Length == 0 ? weight : (double)weight * _classWeights[targetClass];
    }
}
