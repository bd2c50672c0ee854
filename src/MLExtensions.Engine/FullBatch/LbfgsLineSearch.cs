namespace MLExtensions.Engine.FullBatch;

/// <summary>How <see cref="Lbfgs"/> picks the step length along each search direction.</summary>
public enum LbfgsLineSearch
{
    /// <summary>
    /// Bracketing and zoom with cubic interpolation until the strong Wolfe conditions hold (Nocedal and
    /// Wright, Algorithms 3.5-3.6). The curvature condition keeps every update pair positive definite.
    /// </summary>
    StrongWolfe,

    /// <summary>
    /// Armijo backtracking with safeguarded quadratic interpolation: cheaper per iteration, but pairs
    /// that violate the curvature condition are skipped.
    /// </summary>
    Backtracking,
}
