using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>
/// How a search on the cluster scores a trial: <see cref="SearchObjective"/>'s cross-validation or hold-out, with the data
/// named by <see cref="ClusterDataSource"/>s instead of held in memory. Each silo builds the local objective from it
/// (<see cref="ToLocal"/> does the same in this process), with the same folds, metric and direction.
/// </summary>
[GenerateSerializer, Immutable, Alias("MLExtensions.Distributed.ClusterSearchObjective")]
public sealed class ClusterSearchObjective
{
    [Id(0)] internal PredictionKind KindValue;
    [Id(1)] internal ClusterDataSource DataValue = null!;
    [Id(2)] internal ClusterDataSource? ValidationDataValue;
    [Id(3)] internal int NumberOfFoldsValue;
    [Id(4)] internal string LabelColumnNameValue = "Label";
    [Id(5)] internal string? MetricNameValue;
    [Id(6)] internal bool? MaximizeValue;
    [Id(7)] internal int? SeedValue;
    [Id(8)] internal string? StratificationColumnNameValue;

    internal ClusterSearchObjective()
    {
    }

    private ClusterSearchObjective(PredictionKind kind, ClusterDataSource data, ClusterDataSource? validationData, string labelColumnName,
        string? metricName, bool? maximize, int numberOfFolds = 0, int? seed = null, string? stratificationColumnName = null)
    {
        TaskEvaluation.CheckKind(kind);
        ArgumentException.ThrowIfNullOrEmpty(labelColumnName);
        KindValue = kind;
        DataValue = data;
        ValidationDataValue = validationData;
        LabelColumnNameValue = labelColumnName;
        MetricNameValue = metricName;
        MaximizeValue = maximize;
        NumberOfFoldsValue = numberOfFolds;
        SeedValue = seed;
        StratificationColumnNameValue = stratificationColumnName;
    }

    /// <summary>Stratified k-fold cross-validation (plain k-fold for regression), as <see cref="SearchObjective.CrossValidation"/>.</summary>
    /// <param name="kind">The task, which decides the evaluator and the default metric.</param>
    /// <param name="data">The data to cross-validate each trial on, read by every silo from its own copy of the file.</param>
    /// <param name="numberOfFolds">The number of folds, at least 2. Default 3.</param>
    /// <param name="labelColumnName">The label column of the scored output, which the evaluator reads. Default "Label".</param>
    /// <param name="metricName">A metric of the task's report; null for the task's default (Accuracy, MicroAccuracy,
    /// RootMeanSquaredError).</param>
    /// <param name="maximize">Null infers it: names with "Error" or "LogLoss" (not "Reduction") are minimized, others maximized.</param>
    /// <param name="seed">Seeds the assignment of rows to folds; null means 0.</param>
    /// <param name="stratificationColumnName">Classification: the input column the folds keep in proportion; null means
    /// <paramref name="labelColumnName"/>.</param>
    /// <returns>The objective; its data is read on the silos, not here.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value, or
    /// <paramref name="numberOfFolds"/> is less than 2.</exception>
    /// <exception cref="ArgumentException"><paramref name="labelColumnName"/> is null or empty.</exception>
    public static ClusterSearchObjective CrossValidation(PredictionKind kind, ClusterDataSource data, int numberOfFolds = 3,
        string labelColumnName = "Label", string? metricName = null, bool? maximize = null, int? seed = null,
        string? stratificationColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        MLExtensions.Splits.Folds.CheckFolds(numberOfFolds);
        return new ClusterSearchObjective(kind, data, validationData: null, labelColumnName, metricName, maximize, numberOfFolds, seed,
            stratificationColumnName);
    }

    /// <summary>Trained on one data set and scored on another, as <see cref="SearchObjective.HoldOut"/>.</summary>
    /// <param name="kind">The task, which decides the evaluator and the default metric.</param>
    /// <param name="trainData">The data each trial is fitted on.</param>
    /// <param name="validationData">The data each trial is scored on.</param>
    /// <param name="labelColumnName">The label column of the scored output, which the evaluator reads. Default "Label".</param>
    /// <param name="metricName">A metric of the task's report; null for the task's default (Accuracy, MicroAccuracy,
    /// RootMeanSquaredError).</param>
    /// <param name="maximize">Null infers it: names with "Error" or "LogLoss" (not "Reduction") are minimized, others maximized.</param>
    /// <returns>The objective; its data is read on the silos, not here.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainData"/> or <paramref name="validationData"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException"><paramref name="labelColumnName"/> is null or empty.</exception>
    public static ClusterSearchObjective HoldOut(PredictionKind kind, ClusterDataSource trainData, ClusterDataSource validationData,
        string labelColumnName = "Label", string? metricName = null, bool? maximize = null)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        ArgumentNullException.ThrowIfNull(validationData);
        return new ClusterSearchObjective(kind, trainData, validationData, labelColumnName, metricName, maximize);
    }

    /// <summary>The task, which decides the evaluator and the default metric.</summary>
    public PredictionKind Kind => KindValue;

    /// <summary>The data cross-validated on, or the training data of a hold-out.</summary>
    public ClusterDataSource Data => DataValue;

    /// <summary>The hold-out's validation data; null for cross-validation.</summary>
    public ClusterDataSource? ValidationData => ValidationDataValue;

    /// <summary>The metric trials are ranked by: the one given, else the task's default (Accuracy, MicroAccuracy,
    /// RootMeanSquaredError).</summary>
    public string MetricName => SearchObjective.Metric(Kind, MetricNameValue, MaximizeValue).Name;

    /// <summary>Whether higher values of <see cref="MetricName"/> are better: as given, else inferred from its name.</summary>
    public bool Maximize => SearchObjective.Metric(Kind, MetricNameValue, MaximizeValue).Maximize;

    /// <summary>The objective in a few words, as a search result reports it: "3-fold cross-validated Accuracy" or
    /// "hold-out RootMeanSquaredError".</summary>
    public string Description => ValidationData is null
        ? $"{NumberOfFoldsValue}-fold cross-validated {MetricName}"
        : $"hold-out {MetricName}";

    /// <summary>The local objective on data loaded in this process: what every silo scores trials with.</summary>
    /// <param name="mlContext">The context that loads the data and draws nothing random (the folds have their own seed).</param>
    /// <returns>The objective, with its folds drawn (or its hold-out read) now.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mlContext"/> is null.</exception>
    /// <exception cref="FileNotFoundException">A data file does not exist here.</exception>
    public SearchObjective ToLocal(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return Create(mlContext, Data.Load(mlContext), ValidationData?.Load(mlContext));
    }

    internal SearchObjective Create(MLContext mlContext, IDataView data, IDataView? validationData) => validationData is null
        ? SearchObjective.CrossValidation(mlContext, Kind, data, NumberOfFoldsValue, LabelColumnNameValue, MetricNameValue, MaximizeValue,
            SeedValue, StratificationColumnNameValue)
        : SearchObjective.HoldOut(mlContext, Kind, data, validationData, LabelColumnNameValue, MetricNameValue, MaximizeValue);

    /// <summary>The objective a cluster search's result reports: its metric, direction and description; it scores nothing here.</summary>
    internal SearchObjective Described() => new(MetricName, Maximize, Description, _ =>
        throw new InvalidOperationException($"This objective ({Description}) was scored on an Orleans cluster; build a local one with ClusterSearchObjective.ToLocal to score here."));

    /// <summary>Everything that decides the objective's scores, for a silo's cache of built objectives.</summary>
    public override string ToString() =>
        $"{Kind} {Description} label '{LabelColumnNameValue}' metric {MetricNameValue ?? "default"} maximize {MaximizeValue?.ToString() ?? "inferred"} " +
        $"seed {SeedValue?.ToString() ?? "default"} strata '{StratificationColumnNameValue}' on {Data}{(ValidationData is null ? "" : $" validated on {ValidationData}")}";
}
