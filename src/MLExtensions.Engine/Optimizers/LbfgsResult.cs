namespace MLExtensions.Engine.Optimizers;

/// <summary>Why <see cref="Lbfgs.Minimize"/> returned.</summary>
public enum LbfgsStopReason
{
    /// <summary>The largest gradient component fell to the gradient tolerance.</summary>
    ConvergedGradient,

    /// <summary>The relative loss decrease of an iteration fell to the function tolerance.</summary>
    ConvergedLoss,

    /// <summary>The iteration budget ran out before either tolerance was met.</summary>
    MaxIterations,

    /// <summary>No step along the search direction (nor, after a history reset, along the gradient) reduced the loss enough.</summary>
    LineSearchFailed,

    /// <summary>The cancellation token was signalled; the parameters hold the last accepted point.</summary>
    Cancelled,

    /// <summary>The loss or gradient at the starting point was NaN or infinite; the parameters are untouched.</summary>
    NonFiniteLoss,
}

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

/// <summary>The outcome of <see cref="Lbfgs.Minimize"/>.</summary>
/// <param name="StopReason">Why the minimizer stopped.</param>
/// <param name="Iterations">Accepted steps.</param>
/// <param name="FunctionEvaluations">Calls of the objective, including those of rejected trial steps.</param>
/// <param name="Loss">Loss at the returned parameters (NaN only when the starting point was non-finite).</param>
/// <param name="GradientNorm">Largest absolute gradient component at the returned parameters.</param>
public readonly record struct LbfgsResult(
    LbfgsStopReason StopReason, int Iterations, int FunctionEvaluations, double Loss, double GradientNorm)
{
    public bool Converged => StopReason is LbfgsStopReason.ConvergedGradient or LbfgsStopReason.ConvergedLoss;
}
