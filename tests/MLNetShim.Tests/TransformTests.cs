using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetShim.Tests;

public class TransformTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Labels(params string[] labels)
        => _ml.Data.LoadFromEnumerable(labels.Select((l, i) => new LabelRow { Label = l, A = i, B = -i }).ToList());

    private static List<T> Column<T>(IDataView data, string name)
    {
        var column = data.Schema[name];
        using var cursor = data.GetRowCursor(new[] { column });
        var getter = cursor.GetGetter<T>(column);
        var values = new List<T>();
        while (cursor.MoveNext())
        {
            T value = default!;
            getter(ref value);
            values.Add(value);
        }
        return values;
    }

    [Fact]
    public void ValueToKeyNumbersValuesByOccurrenceFromOne()
    {
        var data = Labels("b", "a", "b", "c");
        var model = _ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label").Fit(data);
        var output = model.Transform(data);

        var type = Assert.IsType<KeyDataViewType>(output.Schema["LabelKey"].Type);
        Assert.Equal(3ul, type.Count);
        Assert.Equal(typeof(uint), type.RawType);
        Assert.Equal(new uint[] { 1, 2, 1, 3 }, Column<uint>(output, "LabelKey"));

        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        output.Schema["LabelKey"].Annotations.GetValue("KeyValues", ref keyValues);
        Assert.Equal(new[] { "b", "a", "c" }, keyValues.DenseValues().Select(v => v.ToString()));
        Assert.Equal(new VectorDataViewType(TextDataViewType.Instance, 3), output.Schema["LabelKey"].Annotations.Schema["KeyValues"].Type);
    }

    [Fact]
    public void UnseenAndMissingValuesMapToKeyZero()
    {
        var model = _ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label").Fit(Labels("x", "", "y"));
        var output = model.Transform(Labels("y", "z", ""));
        Assert.Equal(new uint[] { 2, 0, 0 }, Column<uint>(output, "LabelKey"));
        Assert.Equal(2ul, ((KeyDataViewType)output.Schema["LabelKey"].Type).Count);
    }

    [Fact]
    public void NumericKeyValuesKeepTheInputTypeUnlessAskedForText()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new ScalarRow { F = 2.5f }, new ScalarRow { F = -1f }, new ScalarRow { F = float.NaN } });
        var typed = _ml.Transforms.Conversion.MapValueToKey("K", "F").Fit(data).Transform(data);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 2), typed.Schema["K"].Annotations.Schema["KeyValues"].Type);
        Assert.Equal(new uint[] { 1, 2, 0 }, Column<uint>(typed, "K"));

        var byValue = _ml.Transforms.Conversion.MapValueToKey("K", "F", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue, addKeyValueAnnotationsAsText: true).Fit(data).Transform(data);
        VBuffer<ReadOnlyMemory<char>> text = default;
        byValue.Schema["K"].Annotations.GetValue("KeyValues", ref text);
        Assert.Equal(new[] { "-1", "2.5" }, text.DenseValues().Select(v => v.ToString()));
    }

    [Fact]
    public void KeyToValueRoundTripsAndShapesAgree()
    {
        var data = Labels("b", "a", "b");
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
            .Append(_ml.Transforms.Conversion.MapKeyToValue("LabelBack", "LabelKey"));
        var output = pipeline.Fit(data).Transform(data);
        Assert.Equal(new[] { "b", "a", "b" }, Column<ReadOnlyMemory<char>>(output, "LabelBack").Select(v => v.ToString()));

        var shape = pipeline.GetOutputSchema(ShapeHelper.Scalars(("Label", TextDataViewType.Instance), ("A", NumberDataViewType.Single), ("B", NumberDataViewType.Single)));
        var key = shape.Single(c => c.Name == "LabelKey");
        Assert.True(key.IsKey);
        Assert.Equal(SchemaShape.Column.VectorKind.Scalar, key.Kind);
        Assert.Contains(key.Annotations, a => a.Name == "KeyValues");
        Assert.Equal(TextDataViewType.Instance, shape.Single(c => c.Name == "LabelBack").ItemType);
    }

    [Fact]
    public void KeyToValueRequiresKeyValues()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new VectorRow { Features = new float[3], Category = 1 } });
        Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.Conversion.MapKeyToValue("Back", "Category").Fit(data));
    }

    [Fact]
    public void ConcatenateJoinsScalarsAndVectorsInOrder()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new VectorRow { Features = new[] { 1f, 2f, 3f } } });
        var withScalars = _ml.Data.LoadFromEnumerable(new[] { new LabelRow { A = 4, B = 5 } });

        var output = _ml.Transforms.Concatenate("All", "A", "B", "A").Fit(withScalars).Transform(withScalars);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), output.Schema["All"].Type);
        Assert.Equal(new[] { 4f, 5f, 4f }, Column<VBuffer<float>>(output, "All").Single().DenseValues());
        VBuffer<ReadOnlyMemory<char>> slots = default;
        output.Schema["All"].Annotations.GetValue("SlotNames", ref slots);
        Assert.Equal(new[] { "A", "B", "A" }, slots.DenseValues().Select(s => s.ToString()));

        var vectors = _ml.Transforms.Concatenate("Features", "Features", "Features").Fit(data).Transform(data);
        Assert.Equal(6, ((VectorDataViewType)vectors.Schema["Features"].Type).Size);
        Assert.True(vectors.Schema[0].IsHidden);
        Assert.Equal(new[] { 1f, 2f, 3f, 1f, 2f, 3f }, Column<VBuffer<float>>(vectors, "Features").Single().DenseValues());

        Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.Concatenate("X", "A", "Label").Fit(withScalars));
    }

    [Fact]
    public void MappedViewsComputeOnlyRequestedColumns()
    {
        var data = Labels("a");
        var output = _ml.Transforms.Concatenate("AB", "A", "B").Fit(data).Transform(data);
        using var cursor = output.GetRowCursor(new[] { output.Schema["A"] });
        Assert.False(cursor.IsColumnActive(output.Schema["AB"]));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<VBuffer<float>>(output.Schema["AB"]));
        Assert.NotNull(cursor.GetGetter<float>(output.Schema["A"]));
    }
}
