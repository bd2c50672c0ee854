namespace MLExtensions.Engine.FullBatch;

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
