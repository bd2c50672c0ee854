using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Onnx.Tests.Support;

public sealed class FeatureRow
{
    [VectorType(4)]
    public float[] Features { get; set; } = Array.Empty<float>();

    public bool BinaryLabel { get; set; }
    public string ClassLabel { get; set; } = "";
    public float Target { get; set; }

    [VectorType(2)]
    public float[] Targets { get; set; } = Array.Empty<float>();
}

/// <summary>Small synthetic data where every task has something to learn, and the read-back helpers.</summary>
internal static class TestData
{
    public static readonly string[] ClassNames = { "apple", "banana", "cherry" };

    public static FeatureRow[] Rows(int count, int seed, float spread = 3f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)((random.NextDouble() * 2 - 1) * spread)).ToArray();
            float s = x[0] + 0.5f * x[1] - x[2] * x[3] * 0.2f;
            return new FeatureRow
            {
                Features = x,
                BinaryLabel = s > 0,
                ClassLabel = ClassNames[s < -1 ? 0 : s < 1 ? 1 : 2],
                Target = s,
                Targets = new[] { s, x[3] - x[0] },
            };
        }).ToArray();
    }

    public static IDataView View(MLContext mlContext, FeatureRow[] rows) => mlContext.Data.LoadFromEnumerable(rows);

    /// <summary>Every row of a float, Boolean, UInt32 (key) or float-vector column, flattened.</summary>
    public static float[] Floats(IDataView data, string column)
    {
        var col = data.Schema[column];
        var values = new List<float>();
        using var cursor = data.GetRowCursor(new[] { col });
        switch (col.Type)
        {
            case VectorDataViewType:
            {
                var getter = cursor.GetGetter<VBuffer<float>>(col);
                var buffer = default(VBuffer<float>);
                while (cursor.MoveNext()) { getter(ref buffer); values.AddRange(buffer.DenseValues()); }
                break;
            }
            case BooleanDataViewType:
            {
                var getter = cursor.GetGetter<bool>(col);
                bool value = false;
                while (cursor.MoveNext()) { getter(ref value); values.Add(value ? 1 : 0); }
                break;
            }
            case KeyDataViewType:
            {
                var getter = cursor.GetGetter<uint>(col);
                uint value = 0;
                while (cursor.MoveNext()) { getter(ref value); values.Add(value); }
                break;
            }
            default:
            {
                var getter = cursor.GetGetter<float>(col);
                float value = 0;
                while (cursor.MoveNext()) { getter(ref value); values.Add(value); }
                break;
            }
        }
        return values.ToArray();
    }

    public static float[][] Features(FeatureRow[] rows) => rows.Select(r => r.Features).ToArray();

    public static float[] AsFloats(Array values) => values switch
    {
        float[] f => f,
        bool[] b => b.Select(v => v ? 1f : 0f).ToArray(),
        uint[] u => u.Select(v => (float)v).ToArray(),
        _ => throw new InvalidOperationException($"Cannot compare {values.GetType()}."),
    };
}
