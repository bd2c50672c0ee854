using System.Globalization;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Onnx.Protobuf;

namespace MLExtensions.Onnx.Graph;

/// <summary>
/// The values behind a multiclass model's keys (the "KeyValues" of its <c>PredictedLabel</c>), in key order, as an
/// ONNX lookup table. The table's first entry stands for the missing key 0: a value that is not a class, so
/// that ML.NET's <c>MapValueToKey</c> maps it back to the missing key.
/// </summary>
internal sealed class ClassValues
{
    private ClassValues(PrimitiveDataViewType itemType, Array values, object missing)
    {
        ItemType = itemType;
        Values = values;
        Missing = missing;
    }

    /// <summary>The type of the label values (Text, Single, Int32, ...).</summary>
    public PrimitiveDataViewType ItemType { get; }

    /// <summary>The class values in key order, typed as <see cref="ItemType"/>'s raw type (strings for Text).</summary>
    public Array Values { get; }

    /// <summary>A value of the item type that is not a class.</summary>
    public object Missing { get; }

    public int Count => Values.Length;

    public IEnumerable<string> Names => Values.Cast<object>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "");

    /// <summary>The KeyValues of <paramref name="keyColumn"/>, or null when it has none.</summary>
    public static ClassValues? Read(DataViewSchema.Column keyColumn)
    {
        var annotation = keyColumn.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (annotation?.Type is not VectorDataViewType { ItemType: PrimitiveDataViewType item })
            return null;
        var read = typeof(ClassValues).GetMethod(nameof(ReadTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(item.RawType);
        var values = (Array)read.Invoke(null, new object[] { keyColumn.Annotations })!;
        return new ClassValues(item, values, SpareValue(keyColumn.Name, values));
    }

    private static Array ReadTyped<T>(DataViewSchema.Annotations annotations)
    {
        var buffer = default(VBuffer<T>);
        annotations.GetValue("KeyValues", ref buffer);
        var dense = buffer.DenseValues().ToArray();
        return typeof(T) == typeof(ReadOnlyMemory<char>) ? dense.Select(v => v!.ToString()!).ToArray() : dense;
    }

    private static object SpareValue(string column, Array values)
    {
        switch (values)
        {
            case string[] names:
                return names.Contains("") ? new string('?', names.Max(n => n.Length) + 1) : "";
            case float[]:
                return float.NaN;
            case double[]:
                return double.NaN;
            case bool[] flags:
                if (flags.Distinct().Count() < 2)
                    return !flags.FirstOrDefault();
                throw new NotSupportedException(
                    $"The key values of '{column}' are both false and true, so no Boolean value is left to stand for a missing " +
                    "prediction (a row with NaN features); the exporter cannot express this label type.");
            default:
                var taken = values.Cast<object>().Select(v => Convert.ToDecimal(v, CultureInfo.InvariantCulture)).ToHashSet();
                decimal candidate = 0;
                while (taken.Contains(candidate))
                    candidate++;
                return Convert.ChangeType(candidate, values.GetType().GetElementType()!, CultureInfo.InvariantCulture);
        }
    }

    public TensorProto.Types.DataType OnnxType => OnnxTypes.Of(ItemType);

    /// <summary>The table [missing, class 1, ..., class K]: index it with the key.</summary>
    public TensorProto LookupTable()
    {
        var all = new object[Count + 1];
        all[0] = Missing;
        Array.Copy(Values, 0, all, 1, Count);
        return OnnxTypes.Tensor(ItemType, all);
    }
}

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
