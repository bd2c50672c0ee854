using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Tests.Support;

/// <summary>
/// The values of a float or float-vector column, row by row, for "same values" checks. The Orleans tests compile this
/// same file, linked in their project.
/// </summary>
public static class FloatColumns
{
    /// <summary>Every row of a float or float-vector column, each as an array.</summary>
    public static float[][] Read(IDataView data, string columnName)
    {
        var column = data.Schema[columnName];
        var rows = new List<float[]>();
        using var cursor = data.GetRowCursor(new[] { column });
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var buffer = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                rows.Add(buffer.DenseValues().ToArray());
            }
        }
        else
        {
            var getter = cursor.GetGetter<float>(column);
            float value = 0;
            while (cursor.MoveNext())
            {
                getter(ref value);
                rows.Add(new[] { value });
            }
        }
        return rows.ToArray();
    }

    /// <summary>Every row of a float column.</summary>
    public static float[] ReadScalars(IDataView data, string columnName) => Read(data, columnName).Select(r => r[0]).ToArray();
}
