using System.Runtime.CompilerServices;

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

    /// <summary>Scalar form, used for the valid part of partial tiles staged in a scratch buffer.</summary>
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
}
