using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Losses;

/// <summary>
/// A training objective over a mini-batch of raw network outputs (logits for the cross-entropies, which fuse
/// the softmax or sigmoid so the pair is stable). Every loss is a weighted mean over examples,
/// Σ wᵢ·lᵢ / Σ wᵢ, where wᵢ is the example weight (1 when none are given) times, for the classification losses
/// with class weights, the weight of the example's class.
/// </summary>
public abstract class Loss
{
    /// <summary>The canonical snake_case name, as accepted by <see cref="FromName"/> and carried by <see cref="GetConfig"/>.</summary>
    public abstract string Name { get; }

    /// <summary>Target values per example: 1 for class-index or binary targets, the output width for regression.</summary>
    public abstract int TargetWidth(int outputWidth);

    /// <summary>
    /// The weighted mean loss of <paramref name="batch"/> examples and, unless <paramref name="outputGradient"/>
    /// is empty, its gradient with respect to <paramref name="outputs"/> ([batch × width], overwritten).
    /// Longer spans are allowed (buffers sized for a larger batch); only their first batch rows are used.
    /// </summary>
    /// <param name="outputs">The raw network outputs (logits for the cross-entropies), [batch × width] row-major.</param>
    /// <param name="targets">[batch × <see cref="TargetWidth"/>(width)] targets: a class index, a binary target in [0, 1], or regression values.</param>
    /// <param name="exampleWeights">Empty (every weight 1) or one finite non-negative weight per example.</param>
    /// <param name="batch">The number of examples, ≥ 1.</param>
    /// <param name="width">The outputs per example, ≥ 1 (1 for the binary cross-entropy, ≥ 2 for the softmax one).</param>
    /// <param name="outputGradient">Empty, or receives ∂loss/∂outputs [batch × width]; must not overlap the other spans.</param>
    /// <returns>Σ wᵢ·lᵢ / Σ wᵢ over the batch.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> or <paramref name="width"/> is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// A span is too short; <paramref name="outputGradient"/> overlaps another span; a weight is negative, NaN or
    /// infinite; the weights sum to zero; the width does not suit the loss; or a target is invalid (the message names the row).
    /// </exception>
    public abstract double Evaluate(
        ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> exampleWeights,
        int batch, int width, Span<float> outputGradient);

    /// <summary>
    /// Σ wᵢ over <paramref name="batch"/> examples, the total <see cref="Evaluate"/> divides by: the example weights (1 each
    /// when empty) times, for a loss with class weights, the weight of each example's class. A batch whose total is zero
    /// has no defined mean loss, so it is left out of training rather than evaluated.
    /// </summary>
    public virtual double TotalWeight(ReadOnlySpan<float> targets, ReadOnlySpan<float> exampleWeights, int batch, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (exampleWeights.IsEmpty)
            return batch;
        if (exampleWeights.Length < batch)
            throw new ArgumentException($"There are {exampleWeights.Length} example weights for {batch} examples.", nameof(exampleWeights));
        double total = 0;
        for (int row = 0; row < batch; row++)
            total += exampleWeights[row];
        return total;
    }

    /// <summary>What a user sees for the raw outputs: probabilities for the cross-entropies, the outputs themselves for regression.
    /// <paramref name="predictions"/> may be exactly <paramref name="outputs"/>.</summary>
    public abstract void OutputTransform(ReadOnlySpan<float> outputs, Span<float> predictions, int batch, int width);

    /// <summary>The name and scalar hyperparameters. Class weights are not scalars: pass them to <see cref="FromConfig"/> separately.</summary>
    public virtual ComponentConfig GetConfig() => new(Name);

    /// <summary>The <see cref="GetConfig"/> text, for example <c>huber(delta=1)</c>.</summary>
    public override string ToString() => GetConfig().ToString();

    /// <summary>The names <see cref="FromName"/> and <see cref="FromConfig"/> accept.</summary>
    public static IReadOnlyList<string> KnownNames { get; } =
        ["softmax_cross_entropy", "binary_cross_entropy", "mean_squared_error", "mean_absolute_error", "huber"];

    /// <summary>The loss with this name, default hyperparameters and no class weights.</summary>
    /// <param name="name">One of <see cref="KnownNames"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty or not a known loss.</exception>
    public static Loss FromName(string name) => FromConfig(new ComponentConfig(name));

    /// <summary>
    /// Rebuilds a loss from <see cref="GetConfig"/>, with the class weights of a classification loss, if any.
    /// Parameters: the cross-entropies take <c>label_smoothing</c> (default 0), <c>huber</c> takes <c>delta</c> (default 1).
    /// </summary>
    /// <param name="config">A name from <see cref="KnownNames"/> with that loss's parameters.</param>
    /// <param name="classWeights">Empty, or the class weights of a cross-entropy (two for the binary one).</param>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The name is unknown, the config carries a parameter the loss does not take, a regression loss is given class
    /// weights, or a class weight is negative, NaN or infinite.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of its range (see the loss's constructor).</exception>
    public static Loss FromConfig(ComponentConfig config, ReadOnlySpan<float> classWeights = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        // Names compare ignoring case, as the optimizers' and schedules' do.
        string name = config.Name.ToLowerInvariant();
        bool classification = name is "softmax_cross_entropy" or "binary_cross_entropy";
        if (!classification && !classWeights.IsEmpty && KnownNames.Contains(name))
            throw new ArgumentException($"The loss '{config.Name}' does not take class weights.", nameof(classWeights));
        switch (name)
        {
            case "softmax_cross_entropy":
                ConfigParameters.RequireOnly(config, "loss", LabelSmoothingParameter);
                return new SoftmaxCrossEntropyLoss(config.Get(LabelSmoothingParameter, 0), classWeights);
            case "binary_cross_entropy":
                ConfigParameters.RequireOnly(config, "loss", LabelSmoothingParameter);
                return new BinaryCrossEntropyLoss(config.Get(LabelSmoothingParameter, 0), classWeights);
            case "mean_squared_error":
                ConfigParameters.RequireOnly(config, "loss");
                return new MeanSquaredErrorLoss();
            case "mean_absolute_error":
                ConfigParameters.RequireOnly(config, "loss");
                return new MeanAbsoluteErrorLoss();
            case "huber":
                ConfigParameters.RequireOnly(config, "loss", HuberLoss.DeltaParameter);
                return new HuberLoss(config.Get(HuberLoss.DeltaParameter, HuberLoss.DefaultDelta));
            default:
                throw new ArgumentException($"Unknown loss '{config.Name}'. Known losses: {string.Join(", ", KnownNames)}.", nameof(config));
        }
    }

    internal const string LabelSmoothingParameter = "label_smoothing";

    /// <summary>
    /// Checks shapes and example weights (the loss itself checks its targets) and trims every span to the
    /// batch: like the layers', the buffers may be sized for a larger batch, and only their prefix is used.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> or <paramref name="width"/> is not positive.</exception>
    /// <exception cref="ArgumentException">A span is too short, the gradient overlaps another span, or an example weight is negative, NaN or infinite.</exception>
    protected void CheckArguments(
        ref ReadOnlySpan<float> outputs, ref ReadOnlySpan<float> targets, ref ReadOnlySpan<float> exampleWeights,
        int batch, int width, ref Span<float> outputGradient)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        int n = checked(batch * width);
        int targetCount = checked(batch * TargetWidth(width));
        if (outputs.Length < n)
            throw new ArgumentException($"The outputs have {outputs.Length} values; {batch} × {width} = {n} are needed.", nameof(outputs));
        if (targets.Length < targetCount)
            throw new ArgumentException($"The targets have {targets.Length} values; the {Name} loss needs {targetCount} ({batch} × {TargetWidth(width)}).", nameof(targets));
        if (!exampleWeights.IsEmpty && exampleWeights.Length < batch)
            throw new ArgumentException($"There are {exampleWeights.Length} example weights for {batch} examples.", nameof(exampleWeights));
        if (!outputGradient.IsEmpty && outputGradient.Length < n)
            throw new ArgumentException($"The output gradient has {outputGradient.Length} values; {n} are needed.", nameof(outputGradient));
        outputs = outputs[..n];
        targets = targets[..targetCount];
        if (!exampleWeights.IsEmpty)
            exampleWeights = exampleWeights[..batch];
        if (!outputGradient.IsEmpty)
            outputGradient = outputGradient[..n];
        if (outputGradient.Overlaps(outputs) || outputGradient.Overlaps(targets) || outputGradient.Overlaps(exampleWeights))
            throw new ArgumentException("The output gradient must not overlap the outputs, targets or weights.", nameof(outputGradient));
        for (int row = 0; row < exampleWeights.Length; row++)
            if (!(exampleWeights[row] >= 0 && float.IsFinite(exampleWeights[row])))
                throw new ArgumentException($"Row {row}: the example weight {exampleWeights[row]} is not a finite non-negative number.", nameof(exampleWeights));
    }

    /// <summary>
    /// <see cref="CheckArguments"/>, then the batch's <see cref="TotalWeight"/>, which must be positive: the start of
    /// every <see cref="Evaluate"/>.
    /// </summary>
    private protected double CheckBatch(
        ref ReadOnlySpan<float> outputs, ref ReadOnlySpan<float> targets, ref ReadOnlySpan<float> exampleWeights,
        int batch, int width, ref Span<float> outputGradient)
    {
        CheckArguments(ref outputs, ref targets, ref exampleWeights, batch, width, ref outputGradient);
        double totalWeight = TotalWeight(targets, exampleWeights, batch, width);
        CheckTotalWeight(totalWeight);
        return totalWeight;
    }

    /// <summary>As <see cref="CheckArguments"/>, for <see cref="OutputTransform"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> or <paramref name="width"/> is not positive.</exception>
    /// <exception cref="ArgumentException">A span is too short, or the predictions overlap the outputs without being exactly them.</exception>
    protected static void CheckTransformArguments(ref ReadOnlySpan<float> outputs, ref Span<float> predictions, int batch, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        int n = checked(batch * width);
        if (outputs.Length < n || predictions.Length < n)
            throw new ArgumentException($"Outputs and predictions need {batch} × {width} = {n} values; got {outputs.Length} and {predictions.Length}.");
        outputs = outputs[..n];
        predictions = predictions[..n];
        if (outputs.Overlaps(predictions, out int offset) && offset != 0)
            throw new ArgumentException("The predictions overlap the outputs without being exactly the same span.", nameof(predictions));
    }

    /// <summary>The weight of example <paramref name="row"/>: 1 when <paramref name="exampleWeights"/> is empty.</summary>
    protected static float ExampleWeight(ReadOnlySpan<float> exampleWeights, int row) => exampleWeights.IsEmpty ? 1f : exampleWeights[row];

    /// <summary>Rejects a batch whose weights sum to zero (or NaN), whose weighted mean is undefined.</summary>
    /// <exception cref="ArgumentException"><paramref name="totalWeight"/> is not positive.</exception>
    protected static void CheckTotalWeight(double totalWeight)
    {
        if (!(totalWeight > 0))
            throw new ArgumentException("The example weights of the batch sum to zero, so its weighted mean loss is undefined.", "exampleWeights");
    }

    /// <summary>A private copy of class weights, each finite and non-negative; empty means none.</summary>
    /// <exception cref="ArgumentException">A weight is negative, NaN or infinite; the message names the class.</exception>
    protected static float[] CopyClassWeights(ReadOnlySpan<float> classWeights, string parameterName)
    {
        for (int i = 0; i < classWeights.Length; i++)
            if (!(classWeights[i] >= 0 && float.IsFinite(classWeights[i])))
                throw new ArgumentException($"The weight {classWeights[i]} of class {i} is not a finite non-negative number.", parameterName);
        return classWeights.ToArray();
    }

    /// <summary>Returns <paramref name="labelSmoothing"/> when it is in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1] or NaN.</exception>
    protected static double CheckLabelSmoothing(double labelSmoothing) =>
        labelSmoothing is >= 0 and <= 1
            ? labelSmoothing
            : throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1].");
}
