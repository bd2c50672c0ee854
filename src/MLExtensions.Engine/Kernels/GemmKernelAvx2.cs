using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLExtensions.Engine.Kernels;

/// <summary>
/// 6×16 AVX2+FMA tile: 12 ymm accumulators + 2 B vectors + 1 broadcast fill 15 of the 16 registers, the
/// classic shape for 16-register x86 because it keeps 12 FMA chains in flight without spilling.
/// </summary>
internal readonly unsafe struct GemmKernelAvx2 : IGemmMicroKernel
{
    public static int MR => 6;
    public static int NR => 16;
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    // Kept out of line: inlined into the blocking loops, the JIT's register allocator has to juggle the
    // accumulators together with the loop state and starts spilling.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, int rows, int columns,
        in GemmEpilogue epilogue, float* scratch)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default, c50 = default, c51 = default;

        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Avx.LoadAlignedVector256(b);
            Vector256<float> b1 = Avx.LoadAlignedVector256(b + 8);
            Vector256<float> ai = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(ai, b0, c00);
            c01 = Fma.MultiplyAdd(ai, b1, c01);
            ai = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(ai, b0, c10);
            c11 = Fma.MultiplyAdd(ai, b1, c11);
            ai = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(ai, b0, c20);
            c21 = Fma.MultiplyAdd(ai, b1, c21);
            ai = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(ai, b0, c30);
            c31 = Fma.MultiplyAdd(ai, b1, c31);
            ai = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(ai, b0, c40);
            c41 = Fma.MultiplyAdd(ai, b1, c41);
            ai = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(ai, b0, c50);
            c51 = Fma.MultiplyAdd(ai, b1, c51);
            a += 6;
            b += 16;
        }

        if (rows == 6 && columns == 16)
        {
            StoreRow(c, c00, c01, epilogue);
            StoreRow(c + ldc, c10, c11, epilogue);
            StoreRow(c + 2 * ldc, c20, c21, epilogue);
            StoreRow(c + 3 * ldc, c30, c31, epilogue);
            StoreRow(c + 4 * ldc, c40, c41, epilogue);
            StoreRow(c + 5 * ldc, c50, c51, epilogue);
            return;
        }

        Stage(scratch, c00, c01); Stage(scratch + 16, c10, c11); Stage(scratch + 32, c20, c21);
        Stage(scratch + 48, c30, c31); Stage(scratch + 64, c40, c41); Stage(scratch + 80, c50, c51);
        epilogue.StoreEdge(scratch, 16, c, ldc, rows, columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Stage(float* dst, Vector256<float> v0, Vector256<float> v1)
    {
        v0.Store(dst);
        v1.Store(dst + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector256<float> v0, Vector256<float> v1, in GemmEpilogue e)
    {
        if (e.Alpha != 1f)
        {
            Vector256<float> alpha = Vector256.Create(e.Alpha);
            v0 = Avx.Multiply(v0, alpha);
            v1 = Avx.Multiply(v1, alpha);
        }
        if (e.Beta == 1f)
        {
            v0 = Avx.Add(Vector256.Load(c), v0);
            v1 = Avx.Add(Vector256.Load(c + 8), v1);
        }
        else if (e.Beta != 0f)
        {
            Vector256<float> beta = Vector256.Create(e.Beta);
            v0 = Fma.MultiplyAdd(Vector256.Load(c), beta, v0);
            v1 = Fma.MultiplyAdd(Vector256.Load(c + 8), beta, v1);
        }
        if (e.Bias != null)
        {
            v0 = Avx.Add(v0, Vector256.Load(e.Bias));
            v1 = Avx.Add(v1, Vector256.Load(e.Bias + 8));
        }
        v0.Store(c);
        v1.Store(c + 8);
    }
}
