using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLExtensions.Engine.Kernels;

/// <summary>
/// How a micro-kernel folds its accumulators into C: C = alpha·acc + beta·C (+ bias on the last k block).
/// Later k blocks use beta = 1. Vector and scalar (edge) paths evaluate the exact same operations — one
/// multiply by alpha, one fused multiply-add with beta, one add of the bias — so an element's bits never
/// depend on whether it sat in a full or a partial tile, which keeps threaded results identical.
/// </summary>
internal readonly unsafe struct GemmEpilogue
{
    public readonly float Alpha;
    public readonly float Beta;
    /// <summary>Bias for the tile's first column, or null when no bias is added in this k block.</summary>
    public readonly float* Bias;

    public GemmEpilogue(float alpha, float beta, float* bias)
    {
        Alpha = alpha;
        Beta = beta;
        Bias = bias;
    }

    public GemmEpilogue WithBiasOffset(int columns) => new(Alpha, Beta, Bias == null ? null : Bias + columns);

    /// <summary>Scalar form, for the valid part of staged partial tiles on CPUs without AVX and FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Apply(float accumulator, float current, int column)
    {
        float value = Alpha == 1f ? accumulator : accumulator * Alpha;
        if (Beta == 1f)
        {
            value = current + value;
        }
        else if (Beta != 0f)
        {
            value = MathF.FusedMultiplyAdd(current, Beta, value);
        }
        if (Bias != null)
        {
            value += Bias[column];
        }
        return value;
    }

    /// <summary>Writes the valid <paramref name="rows"/>×<paramref name="columns"/> corner of a staged tile.</summary>
    public void StoreEdge(float* tile, int tileStride, float* c, nint ldc, int rows, int columns)
    {
        // Edge tiles are common (300 columns = 9·32 + 12), so the scalar loop would cost several percent.
        // The vector form runs the very same IEEE operations per element, so bits do not change; masked
        // loads and stores (vmaskmovps, which suppresses faults) keep it inside the valid corner of C.
        if (Avx.IsSupported && Fma.IsSupported)
        {
            StoreEdgeVector(tile, tileStride, c, ldc, rows, columns);
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            float* src = tile + r * tileStride;
            float* dst = c + r * ldc;
            for (int j = 0; j < columns; j++)
            {
                dst[j] = Apply(src[j], Beta == 0f ? 0f : dst[j], j);
            }
        }
    }

    private void StoreEdgeVector(float* tile, int tileStride, float* c, nint ldc, int rows, int columns)
    {
        int full = columns & ~7;
        int rest = columns - full;
        Vector256<float> mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(rest)).AsSingle();
        for (int r = 0; r < rows; r++)
        {
            float* src = tile + r * tileStride;
            float* dst = c + r * ldc;
            for (int j = 0; j < full; j += 8)
            {
                Vector256<float> current = Beta == 0f ? default : Avx.LoadVector256(dst + j);
                Vector256<float> bias = Bias == null ? default : Avx.LoadVector256(Bias + j);
                Avx.Store(dst + j, Apply(Avx.LoadVector256(src + j), current, bias));
            }
            if (rest != 0)
            {
                Vector256<float> current = Beta == 0f ? default : Avx.MaskLoad(dst + full, mask);
                Vector256<float> bias = Bias == null ? default : Avx.MaskLoad(Bias + full, mask);
                Avx.MaskStore(dst + full, mask, Apply(Avx.LoadVector256(src + full), current, bias));
            }
        }
    }

    /// <summary>Eight lanes of <see cref="Apply(float, float, int)"/>, operation for operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> Apply(Vector256<float> accumulator, Vector256<float> current, Vector256<float> bias)
    {
        Vector256<float> value = Alpha == 1f ? accumulator : Avx.Multiply(accumulator, Vector256.Create(Alpha));
        if (Beta == 1f)
        {
            value = Avx.Add(current, value);
        }
        else if (Beta != 0f)
        {
            value = Fma.MultiplyAdd(current, Vector256.Create(Beta), value);
        }
        if (Bias != null)
        {
            value = Avx.Add(value, bias);
        }
        return value;
    }
}
