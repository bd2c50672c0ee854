using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetShim.Tests;

public class DataOperationsTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void ScalarsRoundTripWithTheirColumnTypes()
    {
        var rows = new[]
        {
            new ScalarRow { F = 1.5f, D = 2.5, I = -3, U = 4, L = 5L << 40, B = true, Text = "hello" },
            new ScalarRow { F = -1, D = 0, I = 7, U = 0, L = -1, B = false, Text = "" },
        };
        var data = _ml.Data.LoadFromEnumerable(rows);

        Assert.Equal(new[] { "F", "D", "I", "U", "L", "B", "Text" }, data.Schema.Select(c => c.Name));
        Assert.Equal(NumberDataViewType.Single, data.Schema["F"].Type);
        Assert.Equal(NumberDataViewType.Double, data.Schema["D"].Type);
        Assert.Equal(NumberDataViewType.Int32, data.Schema["I"].Type);
        Assert.Equal(NumberDataViewType.UInt32, data.Schema["U"].Type);
        Assert.Equal(NumberDataViewType.Int64, data.Schema["L"].Type);
        Assert.Equal(BooleanDataViewType.Instance, data.Schema["B"].Type);
        Assert.Equal(TextDataViewType.Instance, data.Schema["Text"].Type);
        Assert.Equal(typeof(ReadOnlyMemory<char>), data.Schema["Text"].Type.RawType);
        Assert.Equal(2, data.GetRowCount());

        var back = _ml.Data.CreateEnumerable<ScalarRow>(data, reuseRowObject: false).ToList();
        Assert.Equal(2, back.Count);
        Assert.Equal((1.5f, 2.5, -3, 4u, 5L << 40, true, "hello"), (back[0].F, back[0].D, back[0].I, back[0].U, back[0].L, back[0].B, back[0].Text));
        Assert.Equal((-1f, 0.0, 7, 0u, -1L, false, ""), (back[1].F, back[1].D, back[1].I, back[1].U, back[1].L, back[1].B, back[1].Text));
    }

    [Fact]
    public void VectorsRenamesKeysAndNoColumnFollowTheAttributes()
    {
        var rows = new[] { new VectorRow { Features = new[] { 1f, 2f, 3f }, Tokens = new[] { "a", "b" }, Original = 9, Category = 2, Ignored = 5 } };
        var data = _ml.Data.LoadFromEnumerable(rows);

        Assert.Equal(new[] { "Features", "Tokens", "Renamed", "Category" }, data.Schema.Select(c => c.Name));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), data.Schema["Features"].Type);
        var tokens = Assert.IsType<VectorDataViewType>(data.Schema["Tokens"].Type);
        Assert.False(tokens.IsKnownSize);
        Assert.Equal(TextDataViewType.Instance, tokens.ItemType);
        Assert.Equal(new KeyDataViewType(typeof(uint), 5), data.Schema["Category"].Type);
        Assert.Null(data.Schema.GetColumnOrNull("Ignored"));

        var back = _ml.Data.CreateEnumerable<VectorRow>(data, reuseRowObject: true).Single();
        Assert.Equal(new[] { 1f, 2f, 3f }, back.Features);
        Assert.Equal(new[] { "a", "b" }, back.Tokens);
        Assert.Equal(9, back.Original);
        Assert.Equal(2u, back.Category);
        Assert.Equal(0, back.Ignored);
    }

    [Fact]
    public void FixedSizeVectorRejectsWrongLength()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new VectorRow { Features = new[] { 1f } } });
        Assert.Throws<InvalidOperationException>(() => _ml.Data.CreateEnumerable<VectorRow>(data, false).ToList());
    }

    [Fact]
    public void CreateEnumerableReusesOrAllocatesRowObjects()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new ScalarRow { I = 1 }, new ScalarRow { I = 2 } });
        var reused = _ml.Data.CreateEnumerable<ScalarRow>(data, reuseRowObject: true).Select(r => (r, r.I)).ToList();
        Assert.Same(reused[0].r, reused[1].r);
        Assert.Equal(new[] { 1, 2 }, reused.Select(x => x.I));
        var fresh = _ml.Data.CreateEnumerable<ScalarRow>(data, reuseRowObject: false).ToList();
        Assert.NotSame(fresh[0], fresh[1]);
    }

    [Fact]
    public void MissingColumnsFailUnlessIgnored()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new LabelRow { Label = "x", A = 1 } });
        Assert.ThrowsAny<ArgumentException>(() => _ml.Data.CreateEnumerable<ScalarRow>(data, false));
        var keyOut = _ml.Data.CreateEnumerable<KeyOut>(data, false, ignoreMissingColumns: true).Single();
        Assert.Equal(0u, keyOut.LabelKey);
    }

    [Fact]
    public void KeyTypeWithoutCountIsRejectedAsInMLNet()
    {
        Assert.Throws<NotSupportedException>(() => new KeyTypeAttribute());
    }

    [Fact]
    public void TakeAndSkipRowsWindowTheData()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new ScalarRow { I = i }).ToList());
        var window = _ml.Data.TakeRows(_ml.Data.SkipRows(data, 3), 4);
        Assert.Equal(4, window.GetRowCount());
        Assert.Equal(new[] { 3, 4, 5, 6 }, _ml.Data.CreateEnumerable<ScalarRow>(window, false).Select(r => r.I));
    }

    [Fact]
    public void CursorComputesOnlyActiveColumns()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new ScalarRow { F = 1, I = 2 } });
        var f = data.Schema["F"];
        var i = data.Schema["I"];
        using var cursor = data.GetRowCursor(new[] { f });
        Assert.True(cursor.IsColumnActive(f));
        Assert.False(cursor.IsColumnActive(i));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<int>(i));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<double>(f));
        var getter = cursor.GetGetter<float>(f);
        Assert.Equal(-1, cursor.Position);
        Assert.True(cursor.MoveNext());
        float value = 0;
        getter(ref value);
        Assert.Equal(1f, value);
        Assert.Equal(0, cursor.Position);
        Assert.False(cursor.MoveNext());
        Assert.Single(data.GetRowCursorSet(new[] { f }, 4));
    }

    [Fact]
    public void SchemasHideEarlierColumnsWithTheSameName()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("A", NumberDataViewType.Single);
        builder.AddColumn("B", TextDataViewType.Instance);
        builder.AddColumn("A", NumberDataViewType.Double);
        var schema = builder.ToSchema();

        Assert.Equal(3, schema.Count);
        Assert.True(schema[0].IsHidden);
        Assert.False(schema[2].IsHidden);
        Assert.Equal(2, schema["A"].Index);
        Assert.Equal(NumberDataViewType.Double, schema["A"].Type);
        Assert.Null(schema.GetColumnOrNull("C"));
        Assert.Throws<ArgumentOutOfRangeException>(() => schema["C"]);
        Assert.Empty(typeof(DataViewSchema.Column).GetConstructors());
        // Builders copy: adding more columns later does not change a built schema.
        builder.AddColumn("C", BooleanDataViewType.Instance);
        Assert.Equal(3, schema.Count);
    }

    [Fact]
    public void AnnotationsExposeTypedValues()
    {
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.AddPrimitiveValue("IsNormalized", BooleanDataViewType.Instance, true);
        var names = new VBuffer<ReadOnlyMemory<char>>(2, new[] { "x".AsMemory(), "y".AsMemory() });
        annotations.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, 2), (ref VBuffer<ReadOnlyMemory<char>> dst) => names.CopyTo(ref dst));
        var built = annotations.ToAnnotations();

        bool normalized = false;
        built.GetValue("IsNormalized", ref normalized);
        Assert.True(normalized);
        VBuffer<ReadOnlyMemory<char>> slots = default;
        built.GetValue("SlotNames", ref slots);
        Assert.Equal(new[] { "x", "y" }, slots.DenseValues().Select(s => s.ToString()));
        Assert.Throws<InvalidOperationException>(() => built.GetValue("Missing", ref normalized));
        Assert.Throws<ArgumentException>(() => annotations.AddPrimitiveValue("Bad", NumberDataViewType.Single, 1.0));
    }
}
