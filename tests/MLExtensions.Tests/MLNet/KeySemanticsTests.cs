using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Tests.MLNet;

/// <summary>
/// What real ML.NET does with keys, which the product's label handling, splits and evaluators rely on. If a future
/// ML.NET changed any of it, these fail first and say which belief broke.
/// </summary>
public class KeySemanticsTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class KeyRow
    {
        [KeyType(3)]
        public uint Label { get; set; }
    }

    private sealed class ByteKeyRow
    {
        [KeyType(3)]
        public byte Label { get; set; }
    }

    private sealed class TextRow
    {
        public string Label { get; set; } = "";

        [VectorType(2)]
        public float[] Features { get; set; } = new float[2];
    }

    private static uint[] RawKeys(IDataView data)
    {
        var keys = new List<uint>();
        using var cursor = data.GetRowCursor(data.Schema);
        var getter = cursor.GetGetter<uint>(data.Schema["Label"]);
        uint key = 0;
        while (cursor.MoveNext())
        {
            getter(ref key);
            keys.Add(key);
        }
        return keys.ToArray();
    }

    [Fact]
    public void APocoKeyTypeValueIsZeroBasedAndOutOfRangeValuesBecomeKeyZero()
    {
        var data = _ml.Data.LoadFromEnumerable(new uint[] { 0, 1, 2, 3, 7 }.Select(v => new KeyRow { Label = v }).ToList());

        Assert.Equal(new KeyDataViewType(typeof(uint), 3), data.Schema["Label"].Type);
        Assert.Equal(new uint[] { 1, 2, 3, 0, 0 }, RawKeys(data));
    }

    [Fact]
    public void CreateEnumerableHandsBackTheRawOneBasedKey()
    {
        var data = _ml.Data.LoadFromEnumerable(new uint[] { 0, 2 }.Select(v => new KeyRow { Label = v }).ToList());

        Assert.Equal(new uint[] { 1, 3 }, _ml.Data.CreateEnumerable<KeyRow>(data, reuseRowObject: false).Select(r => r.Label));
    }

    [Fact]
    public void ANarrowPocoKeyTypeIsZeroBasedToo()
    {
        var data = _ml.Data.LoadFromEnumerable(new byte[] { 0, 2 }.Select(v => new ByteKeyRow { Label = v }).ToList());
        var keys = new List<byte>();
        using (var cursor = data.GetRowCursor(data.Schema))
        {
            var getter = cursor.GetGetter<byte>(data.Schema["Label"]);
            byte key = 0;
            while (cursor.MoveNext())
            {
                getter(ref key);
                keys.Add(key);
            }
        }
        Assert.Equal(new byte[] { 1, 3 }, keys);
    }

    [Fact]
    public void MapValueToKeyNumbersValuesByFirstOccurrenceFromOneAndNamesThemInKeyValues()
    {
        var rows = new[] { "dog", "cat", "dog", "emu" }.Select(l => new TextRow { Label = l }).ToList();
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(_ml.Data.LoadFromEnumerable(rows)).Transform(_ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(new uint[] { 1, 2, 1, 3 }, RawKeys(keyed));
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        keyed.Schema["Label"].Annotations.GetValue("KeyValues", ref names);
        Assert.Equal(new[] { "dog", "cat", "emu" }, names.DenseValues().Select(n => n.ToString()));
    }

    [Fact]
    public void MLNetsMulticlassTrainerNamesScoreSlotsByTheLabelsKeyValues()
    {
        var rows = Enumerable.Range(0, 30).Select(i => new TextRow { Label = new[] { "dog", "cat", "emu" }[i % 3], Features = new float[] { i % 3, 1 } }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var scored = _ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Fit(data).Transform(data);

        var slots = default(VBuffer<ReadOnlyMemory<char>>);
        scored.Schema["Score"].Annotations.GetValue("SlotNames", ref slots);
        Assert.Equal(new[] { "dog", "cat", "emu" }, slots.DenseValues().Select(n => n.ToString()));
        Assert.IsType<KeyDataViewType>(scored.Schema["PredictedLabel"].Type);
        Assert.NotNull(scored.Schema["PredictedLabel"].Annotations.Schema.GetColumnOrNull("KeyValues"));
    }
}
