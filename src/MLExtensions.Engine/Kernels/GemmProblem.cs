namespace MLExtensions.Engine.Kernels;

/// <summary>
/// One validated GEMM call in pointer form (the caller keeps the spans pinned while it runs), expressed with
/// element strides so packing never needs to look at the transpose flags again.
/// </summary>
internal unsafe struct GemmProblem
{
    public int M, N, K;
    public float Alpha, Beta;
    public float* A, B, C, Bias;
    public nint Ldc;
    /// <summary>Distance between rows (i) and between k steps of op(A).</summary>
    public nint ARowStride, AStepStride;
    /// <summary>Distance between k steps and between columns (j) of op(B).</summary>
    public nint BStepStride, BColumnStride;
    /// <summary>Told of each block of C once it is final; null when nobody listens.</summary>
    public IGemmBlockFinished? BlockFinished;

    /// <summary>The epilogue of the k block starting at <paramref name="pc"/> of length <paramref name="kc"/>.</summary>
    public readonly GemmEpilogue EpilogueFor(int pc, int kc) =>
        new(Alpha, pc == 0 ? Beta : 1f, pc + kc == K ? Bias : null);
}
