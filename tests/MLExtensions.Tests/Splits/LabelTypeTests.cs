using Microsoft.ML;
using static MLExtensions.Tests.Splits.SplitTestData;

namespace MLExtensions.Tests.Splits;

public class LabelTypeTests
{
    private readonly MLContext _ml = new(seed: 1);

    /// <summary>Class index per row: 70, 25 and 5 rows of classes 0, 1, 2, interleaved.</summary>
    private static readonly int[] ClassOfRow = Classes(70, 25, 5).Select(c => c[0] - 'a').ToArray();

    public static TheoryData<string> LabelTypes => new()
    {
        "text", "uint key", "byte key", "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double",
    };

    private IDataView Data(string type) => type switch
    {
        "text" => Load(_ml, ClassOfRow.Select(c => new[] { "cat", "dog", "emu" }[c])),
        "uint key" => _ml.Data.LoadFromEnumerable(ClassOfRow.Select((c, i) => new KeyRow { Id = i, Label = (uint)c }).ToList()),
        "byte key" => _ml.Data.LoadFromEnumerable(ClassOfRow.Select((c, i) => new ByteKeyRow { Id = i, Label = (byte)c }).ToList()),
        "sbyte" => Load(_ml, ClassOfRow.Select(c => (sbyte)(-c))),
        "byte" => Load(_ml, ClassOfRow.Select(c => (byte)c)),
        "short" => Load(_ml, ClassOfRow.Select(c => (short)(c * 1000))),
        "ushort" => Load(_ml, ClassOfRow.Select(c => (ushort)c)),
        "int" => Load(_ml, ClassOfRow.Select(c => c - 7)),
        "uint" => Load(_ml, ClassOfRow.Select(c => (uint)c)),
        "long" => Load(_ml, ClassOfRow.Select(c => (long)c << 40)),
        "ulong" => Load(_ml, ClassOfRow.Select(c => ulong.MaxValue - (ulong)c)),
        "float" => Load(_ml, ClassOfRow.Select(c => (float)c)),
        "double" => Load(_ml, ClassOfRow.Select(c => c * 0.5)),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    [Theory]
    [MemberData(nameof(LabelTypes))]
    public void EveryLabelTypeIsStratifiedExactly(string type)
    {
        var split = _ml.Data.StratifiedTrainTestSplit(Data(type), testFraction: 0.2, seed: 1);

        Assert.Equal(new Dictionary<int, int> { [0] = 14, [1] = 5, [2] = 1 }, CountsByLabel(split.TestSet, ClassOfRow));
        AssertDisjointAndCovering(ClassOfRow.Length, split.TrainSet, split.TestSet);
    }

    [Fact]
    public void BooleanLabelsKeepTheirPositiveRate()
    {
        var labels = Enumerable.Range(0, 50).Select(i => i % 10 == 0).ToArray();
        var split = _ml.Data.StratifiedTrainTestSplit(Load(_ml, labels), testFraction: 0.2, seed: 1);

        Assert.Equal(new Dictionary<bool, int> { [false] = 9, [true] = 1 }, CountsByLabel(split.TestSet, labels));
    }

    [Fact]
    public void AMissingKeyIsAClassOfItsOwn()
    {
        // [KeyType(3)] takes values 0..2: ML.NET stores 3 as key 0 (missing) and 1 as key 2.
        var keys = Enumerable.Range(0, 20).Select(i => i < 10 ? 3u : 1u).ToArray();
        var data = _ml.Data.LoadFromEnumerable(keys.Select((k, i) => new KeyRow { Id = i, Label = k }).ToList());
        var split = _ml.Data.StratifiedTrainTestSplit(data, testFraction: 0.2, seed: 1);

        Assert.Equal(new Dictionary<uint, int> { [3] = 2, [1] = 2 }, CountsByLabel(split.TestSet, keys));
    }

    [Fact]
    public void TheLabelColumnNameCanBeChosen()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new MutableRow { Id = i, Label = "", Value = i % 2 }).ToList());
        var split = _ml.Data.StratifiedTrainTestSplit(data, testFraction: 0.2, labelColumnName: "Value", seed: 1);

        Assert.Equal(new[] { 0f, 1f }, Ids(split.TestSet).Select(id => (float)(id % 2)).Order());
    }
}
