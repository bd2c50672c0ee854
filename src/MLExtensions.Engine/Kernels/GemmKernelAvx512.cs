using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLExtensions.Engine.Kernels;

/// <summary>
/// 8×32 AVX-512 tile: 16 zmm accumulators, two B vectors and A broadcasts folded into the FMAs. Sixteen
/// independent FMA chains cover the 4-cycle latency of two FMA ports with room to spare, and the per-k traffic
/// (128 bytes of B, 32 of A) stays well inside the L1/L2 bandwidth, while leaving registers free so the JIT
/// never spills inside the loop.
/// </summary>
internal readonly unsafe struct GemmKernelAvx512 : IGemmMicroKernel
{
    public static int MR => 8;
    public static int NR => 32;
    public static bool IsSupported => Avx512F.IsSupported;

    // Kept out of line: inlined into the blocking loops, the JIT's register allocator has to juggle the
    // accumulators together with the loop state and starts spilling.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, int rows, int columns,
        in GemmEpilogue epilogue, float* scratch)
    {
        if (columns <= 16)
        {
            RunHalf(kc, a, b, c, ldc, rows, columns, epilogue, scratch);
            return;
        }

        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;

        // Unrolled by four: with k = 32 the loop would otherwise end in a mispredicted exit every 32 steps,
        // a noticeable share of a tile that only lasts a few hundred cycles.
        Vector512<float> b0, b1, ai;
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            b0 = Avx512F.LoadAlignedVector512(b);
            b1 = Avx512F.LoadAlignedVector512(b + 16);
            ai = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(ai, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(ai, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(ai, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(ai, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(ai, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(ai, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(ai, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(ai, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(ai, b1, c71);
            b0 = Avx512F.LoadAlignedVector512(b + 32);
            b1 = Avx512F.LoadAlignedVector512(b + 48);
            ai = Vector512.Create(a[8]);
            c00 = Avx512F.FusedMultiplyAdd(ai, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[9]);
            c10 = Avx512F.FusedMultiplyAdd(ai, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[10]);
            c20 = Avx512F.FusedMultiplyAdd(ai, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[11]);
            c30 = Avx512F.FusedMultiplyAdd(ai, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[12]);
            c40 = Avx512F.FusedMultiplyAdd(ai, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[13]);
            c50 = Avx512F.FusedMultiplyAdd(ai, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[14]);
            c60 = Avx512F.FusedMultiplyAdd(ai, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[15]);
            c70 = Avx512F.FusedMultiplyAdd(ai, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(ai, b1, c71);
            b0 = Avx512F.LoadAlignedVector512(b + 64);
            b1 = Avx512F.LoadAlignedVector512(b + 80);
            ai = Vector512.Create(a[16]);
            c00 = Avx512F.FusedMultiplyAdd(ai, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[17]);
            c10 = Avx512F.FusedMultiplyAdd(ai, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[18]);
            c20 = Avx512F.FusedMultiplyAdd(ai, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[19]);
            c30 = Avx512F.FusedMultiplyAdd(ai, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[20]);
            c40 = Avx512F.FusedMultiplyAdd(ai, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[21]);
            c50 = Avx512F.FusedMultiplyAdd(ai, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[22]);
            c60 = Avx512F.FusedMultiplyAdd(ai, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[23]);
            c70 = Avx512F.FusedMultiplyAdd(ai, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(ai, b1, c71);
            b0 = Avx512F.LoadAlignedVector512(b + 96);
            b1 = Avx512F.LoadAlignedVector512(b + 112);
            ai = Vector512.Create(a[24]);
            c00 = Avx512F.FusedMultiplyAdd(ai, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[25]);
            c10 = Avx512F.FusedMultiplyAdd(ai, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[26]);
            c20 = Avx512F.FusedMultiplyAdd(ai, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[27]);
            c30 = Avx512F.FusedMultiplyAdd(ai, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[28]);
            c40 = Avx512F.FusedMultiplyAdd(ai, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[29]);
            c50 = Avx512F.FusedMultiplyAdd(ai, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[30]);
            c60 = Avx512F.FusedMultiplyAdd(ai, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[31]);
            c70 = Avx512F.FusedMultiplyAdd(ai, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(ai, b1, c71);
            a += 32;
            b += 128;
        }
        for (; p < kc; p++)
        {
            b0 = Avx512F.LoadAlignedVector512(b);
            b1 = Avx512F.LoadAlignedVector512(b + 16);
            ai = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(ai, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(ai, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(ai, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(ai, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(ai, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(ai, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(ai, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(ai, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(ai, b1, c71);
            a += 8;
            b += 32;
        }

        if (rows == 8 && columns == 32)
        {
            // The plain C = A·B of a gradient: decided once instead of re-reading the epilogue per row, since
            // stores to C might alias it as far as the JIT can tell.
            if (epilogue.Alpha == 1f && epilogue.Beta == 0f && epilogue.Bias == null)
            {
                c00.Store(c); c01.Store(c + 16);
                c10.Store(c + ldc); c11.Store(c + ldc + 16);
                c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 16);
                c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 16);
                c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 16);
                c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 16);
                c60.Store(c + 6 * ldc); c61.Store(c + 6 * ldc + 16);
                c70.Store(c + 7 * ldc); c71.Store(c + 7 * ldc + 16);
                return;
            }
            StoreRow(c, c00, c01, epilogue);
            StoreRow(c + ldc, c10, c11, epilogue);
            StoreRow(c + 2 * ldc, c20, c21, epilogue);
            StoreRow(c + 3 * ldc, c30, c31, epilogue);
            StoreRow(c + 4 * ldc, c40, c41, epilogue);
            StoreRow(c + 5 * ldc, c50, c51, epilogue);
            StoreRow(c + 6 * ldc, c60, c61, epilogue);
            StoreRow(c + 7 * ldc, c70, c71, epilogue);
            return;
        }

        // Partial tile: stage it so the (masked) edge epilogue touches only the valid corner of C.
        Stage(scratch, c00, c01); Stage(scratch + 32, c10, c11);
        Stage(scratch + 64, c20, c21); Stage(scratch + 96, c30, c31);
        Stage(scratch + 128, c40, c41); Stage(scratch + 160, c50, c51);
        Stage(scratch + 192, c60, c61); Stage(scratch + 224, c70, c71);
        epilogue.StoreEdge(scratch, 32, c, ldc, rows, columns);
    }

    /// <summary>
    /// The last B sliver is often at most half full (300 = 9·32 + 12, 784 = 24·32 + 16): only its left 16
    /// packed columns are multiplied, which spares the zero half's FMAs (5% of all work at n = 300). Eight
    /// chains still cover the FMA latency on two ports.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunHalf(int kc, float* a, float* b, float* c, nint ldc, int rows, int columns,
        in GemmEpilogue epilogue, float* scratch)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector512<float> c4 = default, c5 = default, c6 = default, c7 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Avx512F.LoadAlignedVector512(b);
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[0]), b0, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[1]), b0, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[2]), b0, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[3]), b0, c3);
            c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[4]), b0, c4);
            c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[5]), b0, c5);
            c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[6]), b0, c6);
            c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[7]), b0, c7);
            a += 8;
            b += 32;
        }

        c0.Store(scratch); c1.Store(scratch + 32);
        c2.Store(scratch + 64); c3.Store(scratch + 96);
        c4.Store(scratch + 128); c5.Store(scratch + 160);
        c6.Store(scratch + 192); c7.Store(scratch + 224);
        epilogue.StoreEdge(scratch, 32, c, ldc, rows, columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Stage(float* dst, Vector512<float> v0, Vector512<float> v1)
    {
        v0.Store(dst);
        v1.Store(dst + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector512<float> v0, Vector512<float> v1, in GemmEpilogue e)
    {
        if (e.Alpha != 1f)
        {
            Vector512<float> alpha = Vector512.Create(e.Alpha);
            v0 = Avx512F.Multiply(v0, alpha);
            v1 = Avx512F.Multiply(v1, alpha);
        }
        if (e.Beta == 1f)
        {
            v0 = Avx512F.Add(Vector512.Load(c), v0);
            v1 = Avx512F.Add(Vector512.Load(c + 16), v1);
        }
        else if (e.Beta != 0f)
        {
            Vector512<float> beta = Vector512.Create(e.Beta);
            v0 = Avx512F.FusedMultiplyAdd(Vector512.Load(c), beta, v0);
            v1 = Avx512F.FusedMultiplyAdd(Vector512.Load(c + 16), beta, v1);
        }
        if (e.Bias != null)
        {
            v0 = Avx512F.Add(v0, Vector512.Load(e.Bias));
            v1 = Avx512F.Add(v1, Vector512.Load(e.Bias + 16));
        }
        v0.Store(c);
        v1.Store(c + 16);
    }
}
