using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLExtensions.Engine.Numerics;

/// <summary>
/// Runs an element-wise operator (<see cref="IUnaryOperator"/> and its kin) over spans: as the widest
/// accelerated vector loop, then narrower loops for what is left, then the scalar tail through
/// <see cref="Lanes1"/>. Every operand is read before the same index of the destination is written, so a
/// destination may exactly alias any operand. Nothing is allocated.
/// </summary>
internal static class ElementWise
{
    /// <summary>How many elements the multi-pass activations and losses process per stack scratch buffer.</summary>
    public const int ChunkLength = 256;

    public static void Map<TOp>(ReadOnlySpan<float> x, Span<float> destination, TOp op) where TOp : struct, IUnaryOperator
    {
        Debug.Assert(x.Length >= destination.Length);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)destination.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = Loop<Lanes512, Vector512<float>, TOp>(i, n, ref xr, ref dr, op);
        if (Vector256.IsHardwareAccelerated) i = Loop<Lanes256, Vector256<float>, TOp>(i, n, ref xr, ref dr, op);
        if (Vector128.IsHardwareAccelerated) i = Loop<Lanes128, Vector128<float>, TOp>(i, n, ref xr, ref dr, op);
        Loop<Lanes1, float, TOp>(i, n, ref xr, ref dr, op);
    }

    public static void Map<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination, TOp op)
        where TOp : struct, IBinaryOperator
    {
        Debug.Assert(x.Length >= destination.Length && y.Length >= destination.Length);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)destination.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = Loop<Lanes512, Vector512<float>, TOp>(i, n, ref xr, ref yr, ref dr, op);
        if (Vector256.IsHardwareAccelerated) i = Loop<Lanes256, Vector256<float>, TOp>(i, n, ref xr, ref yr, ref dr, op);
        if (Vector128.IsHardwareAccelerated) i = Loop<Lanes128, Vector128<float>, TOp>(i, n, ref xr, ref yr, ref dr, op);
        Loop<Lanes1, float, TOp>(i, n, ref xr, ref yr, ref dr, op);
    }

    public static void Map<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> destination, TOp op)
        where TOp : struct, ITernaryOperator
    {
        Debug.Assert(x.Length >= destination.Length && y.Length >= destination.Length && z.Length >= destination.Length);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float zr = ref MemoryMarshal.GetReference(z);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)destination.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = Loop<Lanes512, Vector512<float>, TOp>(i, n, ref xr, ref yr, ref zr, ref dr, op);
        if (Vector256.IsHardwareAccelerated) i = Loop<Lanes256, Vector256<float>, TOp>(i, n, ref xr, ref yr, ref zr, ref dr, op);
        if (Vector128.IsHardwareAccelerated) i = Loop<Lanes128, Vector128<float>, TOp>(i, n, ref xr, ref yr, ref zr, ref dr, op);
        Loop<Lanes1, float, TOp>(i, n, ref xr, ref yr, ref zr, ref dr, op);
    }

    /// <summary>
    /// Σ f(x) in double. Each width keeps its own double lanes and they are added in a fixed order, so on one
    /// machine the result depends only on <paramref name="x"/>, never on thread count or the slicing of the work;
    /// machines that accelerate different widths may differ in the last bits.
    /// </summary>
    public static double Sum<TOp>(ReadOnlySpan<float> x, TOp op) where TOp : struct, IWideningSumOperator
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        nuint n = (nuint)x.Length, i = 0;
        double total = 0.0;
        if (Vector512.IsHardwareAccelerated) total += Sum<Lanes512, Vector512<float>, Vector512<double>, TOp>(ref i, n, ref xr, op);
        if (Vector256.IsHardwareAccelerated) total += Sum<Lanes256, Vector256<float>, Vector256<double>, TOp>(ref i, n, ref xr, op);
        if (Vector128.IsHardwareAccelerated) total += Sum<Lanes128, Vector128<float>, Vector128<double>, TOp>(ref i, n, ref xr, op);
        return total + Sum<Lanes1, float, double, TOp>(ref i, n, ref xr, op);
    }

    /// <summary>
    /// The <typeparamref name="TL"/> loop alone, then the scalar tail: lets a test run each width of an operator
    /// and compare it with the scalar formula.
    /// </summary>
    internal static void MapAt<TL, TV, TOp>(ReadOnlySpan<float> x, Span<float> destination, TOp op)
        where TL : ILanes<TV> where TV : struct where TOp : struct, IUnaryOperator
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)destination.Length;
        Loop<Lanes1, float, TOp>(Loop<TL, TV, TOp>(0, n, ref xr, ref dr, op), n, ref xr, ref dr, op);
    }

    /// <summary>As <see cref="MapAt{TL, TV, TOp}"/>, for a sum.</summary>
    internal static double SumAt<TL, TV, TW, TOp>(ReadOnlySpan<float> x, TOp op)
        where TL : IWideningLanes<TV, TW> where TV : struct where TW : struct where TOp : struct, IWideningSumOperator
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        nuint n = (nuint)x.Length, i = 0;
        double total = Sum<TL, TV, TW, TOp>(ref i, n, ref xr, op);
        return total + Sum<Lanes1, float, double, TOp>(ref i, n, ref xr, op);
    }

    private static nuint Loop<TL, TV, TOp>(nuint i, nuint n, ref float x, ref float destination, TOp op)
        where TL : ILanes<TV> where TV : struct where TOp : struct, IUnaryOperator
    {
        for (nuint width = (nuint)TL.Count; i + width <= n; i += width)
            TL.Store(op.Invoke<TL, TV>(TL.Load(ref x, i)), ref destination, i);
        return i;
    }

    private static nuint Loop<TL, TV, TOp>(nuint i, nuint n, ref float x, ref float y, ref float destination, TOp op)
        where TL : ILanes<TV> where TV : struct where TOp : struct, IBinaryOperator
    {
        for (nuint width = (nuint)TL.Count; i + width <= n; i += width)
            TL.Store(op.Invoke<TL, TV>(TL.Load(ref x, i), TL.Load(ref y, i)), ref destination, i);
        return i;
    }

    private static nuint Loop<TL, TV, TOp>(nuint i, nuint n, ref float x, ref float y, ref float z, ref float destination, TOp op)
        where TL : ILanes<TV> where TV : struct where TOp : struct, ITernaryOperator
    {
        for (nuint width = (nuint)TL.Count; i + width <= n; i += width)
            TL.Store(op.Invoke<TL, TV>(TL.Load(ref x, i), TL.Load(ref y, i), TL.Load(ref z, i)), ref destination, i);
        return i;
    }

    private static double Sum<TL, TV, TW, TOp>(ref nuint i, nuint n, ref float x, TOp op)
        where TL : IWideningLanes<TV, TW> where TV : struct where TW : struct where TOp : struct, IWideningSumOperator
    {
        nuint width = (nuint)TL.Count;
        if (n - i < width)
            return 0.0;
        TW sum = TL.WideZero;
        for (; i + width <= n; i += width)
            sum = op.Accumulate<TL, TV, TW>(sum, TL.Load(ref x, i));
        return TL.Total(sum);
    }
}
