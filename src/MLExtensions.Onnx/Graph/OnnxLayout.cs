namespace MLExtensions.Onnx.Graph;

/// <summary>How a graph's inputs and outputs are shaped.</summary>
internal enum OnnxLayout
{
    /// <summary>A batch of rows: a vector column is [N, size], a scalar column [N]. For ONNX Runtime and other consumers.</summary>
    Batch,

    /// <summary>
    /// One row, as ML.NET's ApplyOnnxModel feeds and reads it: a vector column is [size], a scalar column [1] (ML.NET
    /// 5.0.1 cannot read a rank-0 output, so a scalar comes back from ApplyOnnxModel as a vector of one value).
    /// </summary>
    SingleRow,
}
