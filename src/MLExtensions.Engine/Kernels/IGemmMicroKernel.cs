namespace MLExtensions.Engine.Kernels;

/// <summary>
/// A register-blocked micro-kernel: multiplies an MR×kc packed A sliver by a kc×NR packed B sliver and folds
/// the MR×NR result into C. Implemented by structs so the blocked driver is specialized per kernel and MR/NR
/// become JIT-time constants.
/// </summary>
internal unsafe interface IGemmMicroKernel
{
    /// <summary>Rows per tile (A sliver height).</summary>
    static abstract int MR { get; }

    /// <summary>Columns per tile (B sliver width).</summary>
    static abstract int NR { get; }

    static abstract bool IsSupported { get; }

    /// <summary>
    /// <paramref name="a"/> holds kc groups of MR values, <paramref name="b"/> kc groups of NR values, both
    /// zero-padded, so the full tile is always computed; only <paramref name="rows"/>×<paramref name="columns"/>
    /// of it reach C. <paramref name="scratch"/> has room for MR·NR floats.
    /// </summary>
    static abstract void Run(int kc, float* a, float* b, float* c, nint ldc, int rows, int columns,
        in GemmEpilogue epilogue, float* scratch);
}
