using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;
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

    public IEnumerable<string> Names => Values.Cast<object?>().Select(ColumnAnnotations.ClassName);

    /// <summary>The KeyValues of <paramref name="keyColumn"/>, or null when it has none.</summary>
    public static ClassValues? Read(DataViewSchema.Column keyColumn)
    {
        if (!ColumnAnnotations.TryReadKeyValues(keyColumn, out var item, out var values))
            return null;
        return new ClassValues(item!, values!, SpareValue(keyColumn.Name, values!));
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
