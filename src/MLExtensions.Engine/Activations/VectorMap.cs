using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLExtensions.Engine.Activations;

internal interface IUnaryVectorOp<T> where T : unmanaged
{
    Vector<T> Invoke(Vector<T> x);
}

internal interface IBinaryVectorOp<T> where T : unmanaged
{
    Vector<T> Invoke(Vector<T> a, Vector<T> b);
}

internal interface ITernaryVectorOp<T> where T : unmanaged
{
    Vector<T> Invoke(Vector<T> a, Vector<T> b, Vector<T> c);
}

/// <summary>
/// Element-wise loops for the formulas TensorPrimitives has no single call for. Each operation is written
/// once, for <see cref="Vector{T}"/>: the tail is padded into one zeroed vector instead of running a separate
/// scalar formula, so the tail can never disagree with the body. Every operand is read before the same
/// index of the destination is written, so a destination may exactly alias any operand.
/// </summary>
internal static class VectorMap
{
    /// <summary>How many elements the multi-pass activations and losses process per stack scratch buffer.</summary>
    public const int ChunkLength = 256;

    public static void Apply<T, TOp>(ReadOnlySpan<T> x, Span<T> destination, TOp op)
        where T : unmanaged where TOp : struct, IUnaryVectorOp<T>
    {
        Debug.Assert(x.Length >= destination.Length);
        int n = destination.Length, width = Vector<T>.Count, i = 0;
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T dr = ref MemoryMarshal.GetReference(destination);
        for (; i <= n - width; i += width)
            Store(op.Invoke(Load(ref xr, i)), ref dr, i);
        if (i < n)
        {
            Span<T> pa = stackalloc T[width];
            x[i..n].CopyTo(pa);
            op.Invoke(new Vector<T>(pa)).CopyTo(pa);
            pa[..(n - i)].CopyTo(destination[i..]);
        }
    }

    public static void Apply<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, TOp op)
        where T : unmanaged where TOp : struct, IBinaryVectorOp<T>
    {
        Debug.Assert(a.Length >= destination.Length && b.Length >= destination.Length);
        int n = destination.Length, width = Vector<T>.Count, i = 0;
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T dr = ref MemoryMarshal.GetReference(destination);
        for (; i <= n - width; i += width)
            Store(op.Invoke(Load(ref ar, i), Load(ref br, i)), ref dr, i);
        if (i < n)
        {
            Span<T> pa = stackalloc T[width];
            Span<T> pb = stackalloc T[width];
            a[i..n].CopyTo(pa);
            b[i..n].CopyTo(pb);
            op.Invoke(new Vector<T>(pa), new Vector<T>(pb)).CopyTo(pa);
            pa[..(n - i)].CopyTo(destination[i..]);
        }
    }

    public static void Apply<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> destination, TOp op)
        where T : unmanaged where TOp : struct, ITernaryVectorOp<T>
    {
        Debug.Assert(a.Length >= destination.Length && b.Length >= destination.Length && c.Length >= destination.Length);
        int n = destination.Length, width = Vector<T>.Count, i = 0;
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T cr = ref MemoryMarshal.GetReference(c);
        ref T dr = ref MemoryMarshal.GetReference(destination);
        for (; i <= n - width; i += width)
            Store(op.Invoke(Load(ref ar, i), Load(ref br, i), Load(ref cr, i)), ref dr, i);
        if (i < n)
        {
            Span<T> pa = stackalloc T[width];
            Span<T> pb = stackalloc T[width];
            Span<T> pc = stackalloc T[width];
            a[i..n].CopyTo(pa);
            b[i..n].CopyTo(pb);
            c[i..n].CopyTo(pc);
            op.Invoke(new Vector<T>(pa), new Vector<T>(pb), new Vector<T>(pc)).CopyTo(pa);
            pa[..(n - i)].CopyTo(destination[i..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(ref T start, int index) where T : unmanaged =>
        Unsafe.ReadUnaligned<Vector<T>>(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref start, index)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector<T> value, ref T start, int index) where T : unmanaged =>
        Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref start, index)), value);
}
