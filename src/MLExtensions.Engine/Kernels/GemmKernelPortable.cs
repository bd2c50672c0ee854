using System.Numerics;
using System.Runtime.CompilerServices;

namespace MLExtensions.Engine.Kernels;

/// <summary>
/// 4×(2·Vector&lt;float&gt;.Count) tile on <see cref="Vector{T}"/>, for CPUs without AVX2 (ARM NEON, old x86)
/// or no SIMD at all. .NET 8 has no portable fused multiply-add, so it multiplies and adds; every step
/// through the scratch tile keeps the epilogue shared with the other kernels.
/// </summary>
internal readonly unsafe struct GemmKernelPortable : IGemmMicroKernel
{
    public static int MR => 4;
    public static int NR => 2 * Vector<float>.Count;
    public static bool IsSupported => true;

    public static void Run(int kc, float* a, float* b, float* c, nint ldc, int rows, int columns,
        in GemmEpilogue epilogue, float* scratch)
    {
        int width = Vector<float>.Count;
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector<float> c20 = default, c21 = default, c30 = default, c31 = default;

        for (int p = 0; p < kc; p++)
        {
            Vector<float> b0 = Unsafe.ReadUnaligned<Vector<float>>(b);
            Vector<float> b1 = Unsafe.ReadUnaligned<Vector<float>>(b + width);
            c00 += new Vector<float>(a[0]) * b0;
            c01 += new Vector<float>(a[0]) * b1;
            c10 += new Vector<float>(a[1]) * b0;
            c11 += new Vector<float>(a[1]) * b1;
            c20 += new Vector<float>(a[2]) * b0;
            c21 += new Vector<float>(a[2]) * b1;
            c30 += new Vector<float>(a[3]) * b0;
            c31 += new Vector<float>(a[3]) * b1;
            a += 4;
            b += 2 * width;
        }

        int nr = 2 * width;
        Unsafe.WriteUnaligned(scratch, c00); Unsafe.WriteUnaligned(scratch + width, c01);
        Unsafe.WriteUnaligned(scratch + nr, c10); Unsafe.WriteUnaligned(scratch + nr + width, c11);
        Unsafe.WriteUnaligned(scratch + 2 * nr, c20); Unsafe.WriteUnaligned(scratch + 2 * nr + width, c21);
        Unsafe.WriteUnaligned(scratch + 3 * nr, c30); Unsafe.WriteUnaligned(scratch + 3 * nr + width, c31);
        epilogue.StoreEdge(scratch, nr, c, ldc, rows, columns);
    }
}
