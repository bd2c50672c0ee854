namespace MLExtensions.Engine.FullBatch;

/// <summary>The outcome of <see cref="Lbfgs.Minimize"/>.</summary>
/// <param name="StopReason">Why the minimizer stopped.</param>
/// <param name="Iterations">Accepted steps.</param>
/// <param name="FunctionEvaluations">Calls of the objective, including those of rejected trial steps.</param>
/// <param name="Loss">Loss at the returned parameters (NaN only when the starting point was non-finite).</param>
/// <param name="GradientNorm">Largest absolute gradient component at the returned parameters.</param>
public readonly record struct LbfgsResult(
    LbfgsStopReason StopReason, int Iterations, int FunctionEvaluations, double Loss, double GradientNorm)
{
    /// <summary>Whether a tolerance was met: <see cref="LbfgsStopReason.ConvergedGradient"/> or <see cref="LbfgsStopReason.ConvergedLoss"/>.</summary>
    public bool Converged => StopReason is LbfgsStopReason.ConvergedGradient or LbfgsStopReason.ConvergedLoss;
}
