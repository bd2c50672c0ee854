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
    public static ClusterSearchObjective HoldOut(PredictionKind kind, ClusterDataSource trainData, ClusterDataSource validationData,
        string labelColumnName = "Label", string? metricName = null, bool? maximize = null)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        ArgumentNullException.ThrowIfNull(validationData);
        return new ClusterSearchObjective(kind, trainData, validationData, labelColumnName, metricName, maximize);
    }

    public PredictionKind Kind => KindValue;

    /// <summary>The data cross-validated on, or the training data of a hold-out.</summary>
    public ClusterDataSource Data => DataValue;

    /// <summary>The hold-out's validation data; null for cross-validation.</summary>
    public ClusterDataSource? ValidationData => ValidationDataValue;

    public string MetricName => SearchObjective.Metric(Kind, MetricNameValue, MaximizeValue).Name;

    public bool Maximize => SearchObjective.Metric(Kind, MetricNameValue, MaximizeValue).Maximize;

    public string Description => ValidationData is null
        ? $"{NumberOfFoldsValue}-fold cross-validated {MetricName}"
        : $"hold-out {MetricName}";

    /// <summary>The local objective on data loaded in this process: what every silo scores trials with.</summary>
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
