namespace MLExtensions.Onnx.Tests.Support;

/// <summary>
/// The agreement the exporter promises: |onnx − ours| ≤ 1e-5·|ours| + 1e-6. The absolute floor is for values near
/// zero, where a matrix product summed in another order differs by a few units of the terms' last place.
/// </summary>
internal static class Close
{
    public const double Relative = 1e-5;
    public const double Absolute = 1e-6;

    public static void Equal(IReadOnlyList<float> expected, IReadOnlyList<float> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            float e = expected[i], a = actual[i];
            if (float.IsNaN(e) || float.IsNaN(a))
            {
                Assert.True(float.IsNaN(e) && float.IsNaN(a), $"{what}[{i}]: expected {e}, ONNX gave {a}");
                continue;
            }
            Assert.True(Math.Abs(a - e) <= Relative * Math.Abs(e) + Absolute, $"{what}[{i}]: expected {e:R}, ONNX gave {a:R}");
        }
    }
}
