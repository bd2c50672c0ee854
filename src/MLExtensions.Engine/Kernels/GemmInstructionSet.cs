namespace MLExtensions.Engine.Kernels;

/// <summary>
/// Which micro-kernel family <see cref="Gemm"/> uses. Internal so tests can exercise every family on one
/// machine. The AVX-512 and AVX2 families both accumulate with one FMA per k step and agree bitwise; the
/// portable family multiplies and adds separately and so rounds differently.
/// </summary>
internal enum GemmInstructionSet
{
    /// <summary>The fastest family the CPU supports.</summary>
    Auto,
    Avx512,
    Avx2,
    Portable,
}
