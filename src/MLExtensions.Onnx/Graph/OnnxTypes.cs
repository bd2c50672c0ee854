using System.Globalization;
using Google.Protobuf;
using Microsoft.ML.Data;
using MLExtensions.Onnx.Protobuf;

namespace MLExtensions.Onnx.Graph;

/// <summary>ML.NET primitive types and the ONNX element types and tensors that hold them.</summary>
internal static class OnnxTypes
{
    public static TensorProto.Types.DataType Of(PrimitiveDataViewType type) => type.RawType switch
    {
        var t when t == typeof(ReadOnlyMemory<char>) => TensorProto.Types.DataType.String,
        var t when t == typeof(float) => TensorProto.Types.DataType.Float,
        var t when t == typeof(double) => TensorProto.Types.DataType.Double,
        var t when t == typeof(sbyte) => TensorProto.Types.DataType.Int8,
        var t when t == typeof(byte) => TensorProto.Types.DataType.Uint8,
        var t when t == typeof(short) => TensorProto.Types.DataType.Int16,
        var t when t == typeof(ushort) => TensorProto.Types.DataType.Uint16,
        var t when t == typeof(int) => TensorProto.Types.DataType.Int32,
        var t when t == typeof(uint) => TensorProto.Types.DataType.Uint32,
        var t when t == typeof(long) => TensorProto.Types.DataType.Int64,
        var t when t == typeof(ulong) => TensorProto.Types.DataType.Uint64,
        var t when t == typeof(bool) => TensorProto.Types.DataType.Bool,
        _ => throw new NotSupportedException($"ML.NET values of type {type} have no ONNX element type the exporter writes."),
    };

    /// <summary>A one-dimensional tensor of <paramref name="values"/> (strings for Text).</summary>
    public static TensorProto Tensor(PrimitiveDataViewType type, IReadOnlyList<object> values)
    {
        var dataType = Of(type);
        var tensor = new TensorProto { DataType = (int)dataType };
        tensor.Dims.Add(values.Count);
        foreach (var value in values)
        {
            switch (dataType)
            {
                case TensorProto.Types.DataType.String: tensor.StringData.Add(ByteString.CopyFromUtf8((string)value)); break;
                case TensorProto.Types.DataType.Float: tensor.FloatData.Add((float)value); break;
                case TensorProto.Types.DataType.Double: tensor.DoubleData.Add((double)value); break;
                case TensorProto.Types.DataType.Int64: tensor.Int64Data.Add((long)value); break;
                case TensorProto.Types.DataType.Uint32: tensor.Uint64Data.Add((uint)value); break;
                case TensorProto.Types.DataType.Uint64: tensor.Uint64Data.Add((ulong)value); break;
                case TensorProto.Types.DataType.Bool: tensor.Int32Data.Add((bool)value ? 1 : 0); break;
                // int32_data holds every integer type of 32 bits or fewer.
                default: tensor.Int32Data.Add(Convert.ToInt32(value, CultureInfo.InvariantCulture)); break;
            }
        }
        return tensor;
    }
}
