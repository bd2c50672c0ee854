using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLExtensions.Engine.Clipping;

/// <summary>
/// Σx² of a float buffer accumulated in double. TensorPrimitives.SumOfSquares accumulates in float, which
/// loses digits over millions of gradients and overflows to ∞ once an element exceeds ~1.8e19 — and an
/// infinite norm would make clipping zero a finite gradient. Squares of floats cannot overflow a double,
/// so here ∞ means an element is ∞ and NaN means one is NaN.
/// </summary>
internal static class DoubleSumOfSquares
{
    public static double Compute(ReadOnlySpan<float> values)
    {
        ref float x = ref MemoryMarshal.GetReference(values);
        nuint n = (nuint)values.Length, i = 0;
        double total = 0.0;

        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            Vector512<double> low = Vector512<double>.Zero, high = Vector512<double>.Zero;
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                var (lo, hi) = Vector512.Widen(Vector512.LoadUnsafe(ref x, i));
                low += lo * lo;
                high += hi * hi;
            }
            total += Vector512.Sum(low + high);
        }

        if (Vector.IsHardwareAccelerated && n - i >= (nuint)Vector<float>.Count)
        {
            Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
            for (; i + (nuint)Vector<float>.Count <= n; i += (nuint)Vector<float>.Count)
            {
                Vector.Widen(Vector.LoadUnsafe(ref x, i), out Vector<double> lo, out Vector<double> hi);
                low += lo * lo;
                high += hi * hi;
            }
            total += Vector.Sum(low + high);
        }

        for (; i < n; i++)
        {
            double value = Unsafe.Add(ref x, i);
            total += value * value;
        }
        return total;
    }
}
