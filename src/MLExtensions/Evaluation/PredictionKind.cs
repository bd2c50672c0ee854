namespace MLExtensions;

/// <summary>The task a model solves, which decides how its scored output is evaluated and what "error" means.</summary>
public enum PredictionKind
{
    /// <summary>Evaluated with <c>BinaryClassification.EvaluateDetailed</c>; error = 1 − accuracy.</summary>
    BinaryClassification,

    /// <summary>Evaluated with <c>MulticlassClassification.EvaluateDetailed</c>; error = 1 − micro accuracy.</summary>
    MulticlassClassification,

    /// <summary>Evaluated with <c>Regression.EvaluateDetailed</c>; error = RMSE.</summary>
    Regression,
}
