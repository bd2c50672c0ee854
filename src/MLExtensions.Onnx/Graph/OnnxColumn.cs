using MLExtensions.Onnx.Protobuf;

namespace MLExtensions.Onnx.Graph;

/// <summary>
/// An ML.NET column as a value of the graph: always a [rows × <see cref="Size"/>] tensor inside the graph,
/// whatever shape its graph input or output has; <see cref="IsVector"/> remembers whether the column is a
/// vector or a scalar in ML.NET.
/// </summary>
internal sealed record OnnxColumn(string Value, int Size, bool IsVector, TensorProto.Types.DataType ElementType);
