using MLExtensions.Engine.Kernels;
using MLExtensions.Engine.Networks;

namespace MLExtensions.Engine.Tests.Support;

/// <summary>
/// Which of the engine's kernel families this CPU runs, by name, and the reason a test that needs a missing one
/// gives for being skipped: a test of AVX-512 code on a CPU without AVX-512 has checked nothing, so it must show as
/// skipped, never as passed.
/// </summary>
internal static class InstructionSets
{
    /// <summary>
    /// Whether this CPU runs <paramref name="family"/>: a GEMM family (<c>Avx512</c>, <c>Avx2</c>, <c>Portable</c>)
    /// or a packed-inference panel kernel (<c>Avx512</c>, <c>Fma</c>, <c>Unfused</c>), by the engine's own test.
    /// </summary>
    public static bool Has(string family) => family switch
    {
        "Avx512" => Gemm.IsSupported(GemmInstructionSet.Avx512),
        "Avx2" => Gemm.IsSupported(GemmInstructionSet.Avx2),
        "Fma" => PackedInference.IsSupported(PackedInference.PanelKernel.Fma),
        "Portable" or "Unfused" => true,
        _ => throw new ArgumentException(
            $"'{family}' is not a kernel family: expected Avx512, Avx2, Fma, Portable or Unfused.", nameof(family)),
    };

    /// <summary>
    /// Null when the CPU has every one of <paramref name="families"/>; otherwise a skip reason naming the missing
    /// ones. The CPU is this one, or one taken to have just <paramref name="pretendCpuHas"/> when that is given.
    /// </summary>
    public static string? SkipReason(IReadOnlyList<string> families, IReadOnlyCollection<string>? pretendCpuHas)
    {
        bool CpuHas(string family)
        {
            bool thisCpuHas = Has(family); // also refuses a name that is no kernel family
            return pretendCpuHas is null ? thisCpuHas : pretendCpuHas.Contains(family);
        }

        string[] missing = families.Where(family => !CpuHas(family)).ToArray();
        return missing.Length == 0 ? null : $"This CPU lacks {string.Join(" and ", missing)}.";
    }
}
