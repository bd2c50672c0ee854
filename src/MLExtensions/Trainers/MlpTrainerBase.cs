using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLExtensions.Data;
using MLExtensions.Engine.FullBatch;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;
using MLExtensions.Runtime;
using MLExtensions.Schema;

namespace MLExtensions.Trainers;

/// <summary>
/// What the three MLP trainers share: read the data in one pass, build the network from the options, train
/// it with the engine, and hand the result to the task's transformer. <see cref="Fit(IDataView, IDataView)"/>
/// takes an explicit validation set, as FastTree and LightGbm do. As ML.NET's own trainers, it follows the
/// <see cref="MLContext"/> it was created from: with <c>Seed</c> null the seed is drawn from the context's random
/// source when the trainer is created, and training reports to <c>mlContext.Log</c> through an ML.NET channel.
/// </summary>
public abstract class MlpTrainerBase<TTransformer, TOptions> : IEstimator<TTransformer>
    where TTransformer : MlpTransformerBase
    where TOptions : MlpTrainerOptionsBase
{
    private protected MlpTrainerBase(IHostEnvironment environment, TOptions options, string registrationName)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        // Every option is checked here, before a single row is read, and copied: the options object is never read again.
        options.Check();
        Plan = new TrainingPlan(options);
        Host = environment.Register(registrationName);
        // Drawn once, here, as the context's other components draw theirs when created: every Fit of this trainer
        // then gives the same model, and two contexts with different seeds give different ones.
        Seed = options.Seed ?? Host.Rand.Next();
    }

    /// <summary>Why a feature column must have a known size, in the messages refusing a variable-size one.</summary>
    private const string FeatureKnownSizeReason = "a known size fixes the network's input width";

    /// <summary>The options, checked and translated for the engine once and for all.</summary>
    private protected TrainingPlan Plan { get; }

    /// <summary>This trainer's registration with the context: its random source and its log channels.</summary>
    private protected IHost Host { get; }

    /// <summary>The seed of every random choice in training: <c>Options.Seed</c>, or one drawn from the context.</summary>
    public int Seed { get; }

    /// <summary>Trains on <paramref name="input"/>, holding out part of it for validation when the options ask for it
    /// (<see cref="MlpTrainerOptionsBase.ValidationFraction"/>).</summary>
    /// <param name="input">The training data, with the label, feature and (optional) example weight columns.</param>
    /// <returns>The trained model as a transformer; its <c>Model</c> holds the network and the training history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="MlpTrainerOptionsBase.EarlyStoppingMonitor"/> names a validation
    /// quantity and there is no validation data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type, or a hold-out was asked of a
    /// single row; the message names the column or option.</exception>
    /// <exception cref="InvalidOperationException">A row holds a bad feature (NaN or infinite, without
    /// <see cref="MlpTrainerOptionsBase.SkipRowsWithNonFiniteFeatures"/>), label or weight (the message names the row), no
    /// row is left, every weight is zero, or a classifier's label holds a single class.</exception>
    /// <exception cref="TrainingDivergedException">Training diverged before any epoch ended within bounds.</exception>
    /// <exception cref="OperationCanceledException"><see cref="MlpTrainerOptionsBase.CancellationToken"/> was cancelled
    /// before the first epoch (or L-BFGS iteration) finished; cancelled later, the fit returns the best weights so far.</exception>
    public TTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/>, validating (and early stopping) on <paramref name="validationData"/>.</summary>
    /// <param name="trainData">The training data, with the label, feature and (optional) example weight columns.</param>
    /// <param name="validationData">Validation data with the same label and feature columns (the weight column is read when
    /// present); null validates as <see cref="Fit(IDataView)"/> does.</param>
    /// <returns>The trained model as a transformer; its <c>Model</c> holds the network and the training history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainData"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="MlpTrainerOptionsBase.EarlyStoppingMonitor"/> names a validation
    /// quantity and there is no validation data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A column of either data set is missing or of the wrong type, the
    /// validation label differs in width or class count from the training label, or a hold-out was asked of a single
    /// row; the message names the column or option.</exception>
    /// <exception cref="InvalidOperationException">A row of either data set holds a bad feature, label or weight (the
    /// message names the data set and row), no row is left, every weight is zero, or a classifier's label holds a
    /// single class.</exception>
    /// <exception cref="TrainingDivergedException">Training diverged before any epoch ended within bounds.</exception>
    /// <exception cref="OperationCanceledException"><see cref="MlpTrainerOptionsBase.CancellationToken"/> was cancelled
    /// before the first epoch (or L-BFGS iteration) finished; cancelled later, the fit returns the best weights so far.</exception>
    public TTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var plan = Plan;
        if (plan.MissingValidation(validationData is not null || plan.HoldOutFraction(trainData.GetRowCount() ?? long.MaxValue) > 0) is { } missing)
            throw new ArgumentException(missing, nameof(validationData));
        var cancellation = plan.CancellationToken;
        cancellation.ThrowIfCancellationRequested();
        var features = FloatColumn.Bind(trainData.Schema, plan.FeatureColumnName, "feature", nameof(trainData), FeatureKnownSizeReason);
        var label = BindLabel(trainData.Schema);
        // The network first: its size is checked (in 64 bits) before a row of data is read.
        var random = new RandomSource((ulong)(uint)Seed);
        var network = plan.BuildNetwork(features.Size, OutputWidth(label), random.Fork());
        var train = TrainingSetReader.Read(trainData, features, label, plan.ExampleWeightColumnName, plan.SkipRowsWithNonFiniteFeatures,
            cancellationToken: cancellation);
        CheckTargets(train.Data, label);
        var validation = validationData is null ? null : ReadValidation(validationData, features, label);

        using var channel = Host.Start("Training");
        channel.Info(MessageSensitivity.None,
            $"Training on {train.Data.RowCount} rows of {features.Size} features" +
            (validation is null ? "" : $", validating on {validation.RowCount} rows") + $", seed {Seed}.");
        var loss = CreateLoss(label);
        var labelStandardization = PrepareTargets(train.Data, validation);
        float holdOut = validation is null ? plan.HoldOutFraction(train.Data.RowCount) : 0f;
        if (holdOut > 0 && train.Data.RowCount < 2)
            throw new ArgumentOutOfRangeException(nameof(trainData),
                $"The training data has {train.Data.RowCount} row; holding out a validation fraction needs at least 2 (or set ValidationFraction = 0).");
        var progress = new ChannelProgress(channel, plan.Progress);
        ulong trainingSeed = random.NextUInt64();

        var history = plan.UsesLbfgs
            ? FullBatchLbfgs.Train(network, loss, train.Data, validation, new Lbfgs(maxIterations: plan.Epochs),
                plan.NumberOfThreads, plan.CancellationToken, progress)
            : NetworkTrainer.Fit(network, loss, train.Data, validation,
                plan.EngineOptions(train.Data.RowCount, validation is not null || holdOut > 0, holdOut, trainingSeed, progress));
        foreach (var note in history.Notes)
            channel.Warning(MessageSensitivity.None, note);
        channel.Info(MessageSensitivity.None, $"Training stopped ({history.StopReason}): {history.StopMessage}");
        if (history.StopReason == StopReason.Diverged && history.BestEpoch < 0)
            throw new TrainingDivergedException(
                $"Training diverged before any epoch ended within bounds, so there is no model to return. {history.StopMessage}");

        var model = new MlpModelParameters(network, loss, history, ClassNames(label), train.SkippedRows, labelStandardization, plan.NumberOfThreads);
        return CreateTransformer(model, label);
    }

    private TrainingData ReadValidation(IDataView validationData, FloatColumn features, LabelColumn label)
    {
        FloatColumn validationFeatures;
        LabelColumn validationLabel;
        try
        {
            validationFeatures = FloatColumn.Rebind(validationData.Schema, Plan.FeatureColumnName, features.Role, nameof(validationData), features.Size);
            validationLabel = BindLabel(validationData.Schema);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // The binding error stays attached: its parameter and stack say which check refused the column.
            throw new ArgumentOutOfRangeException($"In the validation data: {e.Message}", e);
        }
        if (validationLabel.Width != label.Width)
            throw new ArgumentOutOfRangeException(nameof(validationData),
                $"The validation label '{Plan.LabelColumnName}' has {validationLabel.Width} values per row; the training label has {label.Width}.");
        // Keys index the network's outputs: another key count would silently validate against the wrong classes.
        if (validationLabel is LabelColumn.KeyLabel validationKeys && label is LabelColumn.KeyLabel trainingKeys
            && validationKeys.ClassCount != trainingKeys.ClassCount)
            throw new ArgumentOutOfRangeException(nameof(validationData),
                $"The validation label '{Plan.LabelColumnName}' has {validationKeys.ClassCount} classes; the training label has {trainingKeys.ClassCount}. " +
                "Key both with the same MapValueToKey transformer.");
        // GetColumnOrNull throws for an empty name (as ML.NET's does), so only look when a weight column is set.
        string? weights = Plan.ExampleWeightColumnName is { } name && validationData.Schema.GetColumnOrNull(name) is not null ? name : null;
        return TrainingSetReader.Read(validationData, validationFeatures, validationLabel, weights, Plan.SkipRowsWithNonFiniteFeatures, "validation",
            Plan.CancellationToken).Data;
    }

    /// <summary>Rescales the targets in place when the task trains on standardized ones (regression, by default) and says how
    /// to undo it; null leaves them as they are.</summary>
    private protected virtual LabelStandardization? PrepareTargets(TrainingData training, TrainingData? validation) => null;

    /// <summary>The input schema with the task's output columns added, after the checks <see cref="Fit(IDataView)"/> makes on
    /// the schema: the feature column Single or a known-size vector of Single, the label of the task's type, the example
    /// weight column (when set) Single.</summary>
    /// <param name="inputSchema">The shape of the training data.</param>
    /// <returns>The shape of the scored data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputSchema"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type; the message names it.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (!SchemaShapeColumns.TryFind(inputSchema, Plan.FeatureColumnName, out var features))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The feature column '{Plan.FeatureColumnName}' was not found.");
        FloatColumn.CheckShape(features, "feature", nameof(inputSchema), FeatureKnownSizeReason);
        if (!SchemaShapeColumns.TryFind(inputSchema, Plan.LabelColumnName, out var label))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The label column '{Plan.LabelColumnName}' was not found.");
        CheckLabelShape(label);
        if (!string.IsNullOrEmpty(Plan.ExampleWeightColumnName))
        {
            if (!SchemaShapeColumns.TryFind(inputSchema, Plan.ExampleWeightColumnName, out var weight))
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The example weight column '{Plan.ExampleWeightColumnName}' was not found.");
            if (weight.Kind != SchemaShape.Column.VectorKind.Scalar || weight.ItemType != NumberDataViewType.Single || weight.IsKey)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The example weight column '{Plan.ExampleWeightColumnName}' must be Single (float).");
        }
        return SchemaShapeColumns.With(inputSchema, OutputShape(label).ToArray());
    }

    private void CheckTargets(TrainingData data, LabelColumn label)
    {
        if (!IsClassification)
            return;
        var distinct = new SortedSet<float>();
        foreach (float target in data.Targets)
        {
            distinct.Add(target);
            if (distinct.Count > 1)
                return;
        }
        throw new InvalidOperationException(
            $"The label column '{label.Column.Name}' holds a single class ({DescribeClass(label, distinct.Min)}) in all {data.RowCount} rows; " +
            "a classifier needs at least two.");
    }

    private protected abstract bool IsClassification { get; }

    private protected virtual string DescribeClass(LabelColumn label, float target) => target.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private protected abstract LabelColumn BindLabel(DataViewSchema schema);

    private protected abstract void CheckLabelShape(SchemaShape.Column label);

    private protected abstract int OutputWidth(LabelColumn label);

    private protected abstract Loss CreateLoss(LabelColumn label);

    private protected virtual IReadOnlyList<string>? ClassNames(LabelColumn label) => null;

    private protected abstract IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label);

    private protected abstract TTransformer CreateTransformer(MlpModelParameters model, LabelColumn label);
}
