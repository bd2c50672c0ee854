namespace MLExtensions.Engine.Numerics;

/// <summary>
/// A width of float lanes with a double accumulator of the same width (<typeparamref name="TWide"/>), for sums
/// that must not lose digits or overflow: a float square overflows past ~1.8e19, a double one cannot.
/// </summary>
internal interface IWideningLanes<TVector, TWide> : ILanes<TVector> where TVector : struct where TWide : struct
{
    static abstract TWide WideZero { get; }

    /// <summary><paramref name="sum"/> plus the lanes of <paramref name="value"/>, widened to double.</summary>
    static abstract TWide AddWidened(TWide sum, TVector value);

    /// <summary><paramref name="sum"/> plus the squares of the lanes of <paramref name="value"/>, widened before squaring.</summary>
    static abstract TWide AddWidenedSquares(TWide sum, TVector value);

    /// <summary>The lanes of <paramref name="sum"/> added together.</summary>
    static abstract double Total(TWide sum);
}
