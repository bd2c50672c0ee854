using MLExtensions.Engine.Kernels;

namespace MLExtensions.Engine.Tests.Kernels;

/// <summary>Random operands and comparison helpers shared by the GEMM tests.</summary>
internal static class GemmTestData
{
    public static float[] Random(int length, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        }
        return values;
    }

    /// <summary>Stored shape of an operand: rows × columns before the optional transpose.</summary>
    public static (int Rows, int Columns) Stored(Transpose transpose, int rows, int columns) =>
        transpose == Transpose.None ? (rows, columns) : (columns, rows);

    public static float MaxAbs(ReadOnlySpan<float> values)
    {
        float max = 0;
        foreach (float v in values)
        {
            if (!float.IsNaN(v))
            {
                max = Math.Max(max, Math.Abs(v));
            }
        }
        return max;
    }

    /// <summary>
    /// Asserts C matches the reference within a bound proportional to k·max|a|·max|b| — the size of the
    /// rounding error a float accumulation of k products can reach — and that padding between rows of C
    /// (columns n..ldc) was not written.
    /// </summary>
    public static void AssertClose(float[] expected, float[] actual, int m, int n, int ldc, float tolerance, string context)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                float e = expected[i * ldc + j], a = actual[i * ldc + j];
                if (j >= n)
                {
                    Assert.True(e.Equals(a), $"{context}: padding C[{i},{j}] was modified ({e} -> {a}).");
                    continue;
                }
                Assert.False(float.IsNaN(a), $"{context}: C[{i},{j}] is NaN.");
                Assert.True(Math.Abs(e - a) <= tolerance,
                    $"{context}: C[{i},{j}] = {a}, expected {e} (tolerance {tolerance}).");
            }
        }
    }
}
