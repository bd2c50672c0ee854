using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLExtensions.Engine.Kernels;

/// <summary>
/// Copies a block of an operand into micro-kernel order: slivers of <c>width</c> lines (MR rows of A or NR
/// columns of B), each stored k-major so the kernel reads both operands strictly sequentially. Lines past the
/// matrix edge are zero so the kernel can always compute full tiles. Operand transposition is absorbed here:
/// either the sliver dimension is contiguous in memory (a plain copy per k) or k is (a transpose).
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs <paramref name="lines"/> lines × <paramref name="kc"/> steps into ceil(lines/width) slivers of
    /// width·kc floats. Element (line l, step p) is read at <c>src[l·lineStride + p·stepStride]</c>; exactly one
    /// of the two strides is 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(float* dst, int width, float* src, nint lineStride, nint stepStride, int lines, int kc)
    {
        for (int line = 0; line < lines; line += width)
        {
            int valid = Math.Min(width, lines - line);
            float* sliverSource = src + line * lineStride;
            if (lineStride == 1)
            {
                PackCopy(dst, width, sliverSource, stepStride, valid, kc);
            }
            else
            {
                PackTranspose(dst, width, sliverSource, lineStride, valid, kc);
            }
            dst += width * kc;
        }
    }

    // The sliver's lines are adjacent in memory: each k step is one contiguous run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackCopy(float* dst, int width, float* src, nint stepStride, int valid, int kc)
    {
        if (valid == width && (width & 15) == 0 && Vector512.IsHardwareAccelerated)
        {
            // Packing B is a visible share of products with few rows (a batch of 32 forward): whole cache
            // lines per instruction halve its instruction count.
            for (int p = 0; p < kc; p++)
            {
                float* s = src + p * stepStride;
                float* d = dst + p * width;
                for (int q = 0; q < width; q += 16)
                {
                    Vector512.Store(Vector512.Load(s + q), d + q);
                }
            }
            return;
        }
        if (valid == width && (width & 7) == 0 && Vector256.IsHardwareAccelerated)
        {
            for (int p = 0; p < kc; p++)
            {
                float* s = src + p * stepStride;
                float* d = dst + p * width;
                for (int q = 0; q < width; q += 8)
                {
                    Vector256.Store(Vector256.Load(s + q), d + q);
                }
            }
            return;
        }

        // The last sliver of a 300-wide B (12 of 32 columns) is packed once per k step of every product; a
        // masked load (which neither faults nor reads past the edge) fills the partial chunk and zeros the rest.
        if ((width & 7) == 0 && Avx.IsSupported)
        {
            int full = valid & ~7;
            Vector256<float> mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7),
                Vector256.Create(valid - full)).AsSingle();
            for (int p = 0; p < kc; p++)
            {
                float* s = src + p * stepStride;
                float* d = dst + p * width;
                int q = 0;
                for (; q < full; q += 8)
                {
                    Avx.Store(d + q, Avx.LoadVector256(s + q));
                }
                if (q < valid)
                {
                    Avx.Store(d + q, Avx.MaskLoad(s + q, mask));
                    q += 8;
                }
                for (; q < width; q += 8)
                {
                    Avx.Store(d + q, Vector256<float>.Zero);
                }
            }
            return;
        }

        for (int p = 0; p < kc; p++)
        {
            float* s = src + p * stepStride;
            float* d = dst + p * width;
            int q = 0;
            for (; q < valid; q++)
            {
                d[q] = s[q];
            }
            for (; q < width; q++)
            {
                d[q] = 0f;
            }
        }
    }

    // Each line is contiguous along k: gather across lines, 8×8 blocks at a time when AVX is available.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTranspose(float* dst, int width, float* src, nint lineStride, int valid, int kc)
    {
        int line = 0;
        if (Avx.IsSupported)
        {
            for (; line + 8 <= valid; line += 8)
            {
                float* s = src + line * lineStride;
                int p = 0;
                for (; p + 8 <= kc; p += 8)
                {
                    Transpose8x8(s + p, lineStride, dst + p * width + line, width);
                }
                for (; p < kc; p++)
                {
                    float* d = dst + p * width + line;
                    for (int l = 0; l < 8; l++)
                    {
                        d[l] = s[l * lineStride + p];
                    }
                }
            }
        }

        // Whole missing 8-line groups (a 784-wide B ends with 16 of 32 lines) are zeroed a vector at a time.
        if (Avx.IsSupported && line == valid && (line & 7) == 0 && (width & 7) == 0)
        {
            for (int p = 0; p < kc; p++)
            {
                float* d = dst + p * width;
                for (int l = line; l < width; l += 8)
                {
                    Avx.Store(d + l, Vector256<float>.Zero);
                }
            }
            return;
        }

        for (; line < valid; line++)
        {
            float* s = src + line * lineStride;
            float* d = dst + line;
            for (int p = 0; p < kc; p++)
            {
                d[p * width] = s[p];
            }
        }
        for (; line < width; line++)
        {
            float* d = dst + line;
            for (int p = 0; p < kc; p++)
            {
                d[p * width] = 0f;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * srcStride);
        Vector256<float> r3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * srcStride);
        Vector256<float> r5 = Avx.LoadVector256(src + 5 * srcStride);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * srcStride);
        Vector256<float> r7 = Avx.LoadVector256(src + 7 * srcStride);

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(u3, u7, 0x31));
    }
}
