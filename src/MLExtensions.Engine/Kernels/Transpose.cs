namespace MLExtensions.Engine.Kernels;

/// <summary>Whether a GEMM operand is used as stored (row-major) or as its transpose.</summary>
public enum Transpose
{
    /// <summary>The operand as stored.</summary>
    None,

    /// <summary>The operand's transpose: a stored k×m matrix is read as m×k.</summary>
    Transposed,
}
