namespace MLExtensions.Trainers;

/// <summary>
/// Options the binary and multiclass trainers share beyond those of every MLP trainer: the class weights and the label
/// smoothing of their cross-entropy loss.
/// </summary>
public abstract class MlpClassificationTrainerOptionsBase : MlpTrainerOptionsBase
{
    private protected MlpClassificationTrainerOptionsBase()
    {
    }

    /// <summary>One weight per class in class order (binary: negative, then positive; multiclass: key order), finite,
    /// non-negative and not all 0, as many as the label has classes; or null (the default) for equal weights.</summary>
    public float[]? ClassWeights;

    /// <summary>Label smoothing ε in [0, 1): each target gives up ε of its weight, spread evenly over the K classes
    /// (binary: y(1 − ε) + ε/2; multiclass: (1 − ε)·onehot + ε/K). Default 0.</summary>
    public float LabelSmoothing;

    /// <summary>The number of classes known before any data is read (2 for binary), or null when the label decides it.</summary>
    private protected abstract int? KnownClassCount { get; }

    internal override void Check()
    {
        base.Check();
        OptionChecks.ClassWeights(ClassWeights, nameof(ClassWeights), KnownClassCount);
        OptionChecks.UnitInterval(LabelSmoothing, nameof(LabelSmoothing));
    }
}
