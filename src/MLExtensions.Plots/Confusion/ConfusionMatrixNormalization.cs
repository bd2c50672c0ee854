namespace MLExtensions.Plots;

/// <summary>How a confusion matrix display scales its counts, as scikit-learn's <c>normalize</c> argument.</summary>
public enum ConfusionMatrixNormalization
{
    /// <summary>Raw counts.</summary>
    None,

    /// <summary>Each row (actual class) sums to 1: the diagonal is each class's recall. scikit-learn's "true".</summary>
    ByActual,

    /// <summary>Each column (predicted class) sums to 1: the diagonal is each class's precision. scikit-learn's "pred".</summary>
    ByPredicted,

    /// <summary>All cells sum to 1. scikit-learn's "all".</summary>
    All,
}
