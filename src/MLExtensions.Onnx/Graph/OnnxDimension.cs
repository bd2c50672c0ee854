namespace MLExtensions.Onnx.Graph;

/// <summary>One dimension of a declared ONNX shape: a fixed size, or a symbol such as the batch size "N".</summary>
internal readonly record struct OnnxDimension(long Size, string? Symbol = null)
{
    public static OnnxDimension Batch { get; } = new(0, "N");

    public static implicit operator OnnxDimension(long size) => new(size);
}
