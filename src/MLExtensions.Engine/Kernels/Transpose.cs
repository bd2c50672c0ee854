namespace MLExtensions.Engine.Kernels;

/// <summary>Whether a GEMM operand is used as stored (row-major) or as its transpose.</summary>
public enum Transpose
{
    None,
    Transposed,
}
