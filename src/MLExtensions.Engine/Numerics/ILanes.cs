namespace MLExtensions.Engine.Numerics;

/// <summary>
/// One width of float arithmetic. An element-wise formula is written once, generic over this interface
/// (see <see cref="IUnaryOperator"/>); the JIT specializes it per struct, so the same code runs as the 512-,
/// 256- and 128-bit loops and as the scalar tail (<see cref="Lanes1"/>), with no per-width copies to drift apart.
/// </summary>
/// <remarks>
/// A mask is a value of the same type whose lanes are all ones (true) or all zeros (false), as the hardware
/// comparisons produce; the scalar width uses the same bit patterns, so a select behaves identically.
/// </remarks>
internal interface ILanes<TVector> where TVector : struct
{
    static abstract int Count { get; }
    static abstract TVector Load(ref float source, nuint index);
    static abstract void Store(TVector value, ref float destination, nuint index);
    static abstract TVector Broadcast(float value);
    static abstract TVector Add(TVector left, TVector right);
    static abstract TVector Subtract(TVector left, TVector right);
    static abstract TVector Multiply(TVector left, TVector right);
    static abstract TVector Divide(TVector left, TVector right);

    /// <summary>a·b + c, fused when the hardware can (see <see cref="Lanes.FusedMultiplyAddIsFast"/>).</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
    static abstract TVector Sqrt(TVector value);
    /// <summary>
    /// The smaller of each pair, NaN when either is NaN; of +0 and −0, <paramref name="right"/>. Every width builds it
    /// from a comparison and a select: Vector128/256/512.Min follow the hardware for NaN and ±0 on .NET 8 while
    /// MathF.Min returns NaN, so the built-in ones would make an element's result depend on whether it falls in the
    /// vector body or the scalar tail.
    /// </summary>
    static abstract TVector Min(TVector left, TVector right);

    /// <summary>The larger of each pair, NaN when either is NaN; of +0 and −0, <paramref name="right"/> (see <see cref="Min"/>).</summary>
    static abstract TVector Max(TVector left, TVector right);
    static abstract TVector Abs(TVector value);
    static abstract TVector Negate(TVector value);

    /// <summary>The magnitude of <paramref name="value"/> with the sign bit of <paramref name="sign"/>.</summary>
    static abstract TVector CopySign(TVector value, TVector sign);

    static abstract TVector Equals(TVector left, TVector right);
    static abstract TVector LessThan(TVector left, TVector right);
    static abstract TVector LessThanOrEqual(TVector left, TVector right);
    static abstract TVector GreaterThan(TVector left, TVector right);
    static abstract TVector GreaterThanOrEqual(TVector left, TVector right);

    /// <summary>Each bit from <paramref name="ifTrue"/> where <paramref name="mask"/> has it set, else from <paramref name="ifFalse"/>.</summary>
    static abstract TVector ConditionalSelect(TVector mask, TVector ifTrue, TVector ifFalse);

    /// <summary>
    /// <paramref name="value"/> with every lane whose magnitude is below <paramref name="threshold"/> set to 0;
    /// NaN lanes are kept (a comparison with NaN is false), so divergence stays visible.
    /// </summary>
    static abstract TVector ZeroBelow(TVector value, TVector threshold);
}
