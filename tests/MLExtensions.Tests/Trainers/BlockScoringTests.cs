using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Trainers;

/// <summary>
/// An ordered cursor scores its rows in blocks read ahead (growing from 96 rows to 768), in chunks of 24 to 96 rows
/// shared among the model's scoring threads, reading the next block while it scores this one. None of that may show in the scores: every
/// row must carry the bits of scoring it alone, which the row-to-row mapper does one row at a time.
/// </summary>
public class BlockScoringTests
{
    internal const int Width = 20;

    // Blocks of 96, 192, 384 and three of 768 rows, then a short one of 25: four groups of six rows and one row alone.
    internal const int Rows = 3001;

    private readonly MLContext _mlContext = new(seed: 1);

    internal static MlpMulticlassTransformer Train(MLContext mlContext, int threads)
    {
        var options = Fast.Multiclass(epochs: 2);
        options.HiddenLayerSizes = new[] { 70, 40 };
        options.NumberOfThreads = threads;
        var data = mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, 300).Select(i => new WideRow
        {
            Features = Enumerable.Range(0, Width).Select(j => GeneratedDataView.Feature(i, j)).ToArray(),
            Label = (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        return mlContext.MulticlassClassification.Trainers.Mlp(options).Fit(keyed);
    }

    private sealed class WideRow
    {
        [VectorType(Width)] public float[] Features = new float[Width];
        public string Label = "";
    }

    private static int[][] CursorScores(IDataView scored)
    {
        var score = scored.Schema["Score"];
        var rows = new List<int[]>();
        using var cursor = scored.GetRowCursor(new[] { score });
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        var value = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows.Add(value.DenseValues().Select(BitConverter.SingleToInt32Bits).ToArray());
        }
        return rows.ToArray();
    }

    /// <summary>Each row alone through the row-to-row mapper, as PredictionEngine scores it: the scores' bits.</summary>
    internal static int[][] RowByRowScores(ITransformer model, IDataView data)
    {
        var mapper = model.GetRowToRowMapper(data.Schema);
        var score = mapper.OutputSchema["Score"];
        var rows = new List<int[]>();
        using var cursor = data.GetRowCursor(mapper.GetDependencies(new[] { score }));
        using var row = mapper.GetRow(cursor, new[] { score });
        var getter = row.GetGetter<VBuffer<float>>(score);
        var value = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows.Add(value.DenseValues().Select(BitConverter.SingleToInt32Bits).ToArray());
        }
        return rows.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryRowOfAnOrderedCursorHasTheBitsOfScoringItAloneOnAnyNumberOfThreads(int threads)
    {
        var model = Train(_mlContext, threads);
        Assert.Equal(threads, model.Model.ScoringThreads);
        var data = new GeneratedDataView(Rows, Width);

        var blocked = CursorScores(model.Transform(data));
        var alone = RowByRowScores(model, data);

        Assert.Equal(Rows, blocked.Length);
        for (int row = 0; row < Rows; row++)
            Assert.True(alone[row].SequenceEqual(blocked[row]), $"Row {row} was scored differently in its block.");
    }

    [Fact]
    public void TheScoresOfACursorDoNotDependOnTheScoringThreads()
    {
        var data = new GeneratedDataView(Rows, Width);
        var one = CursorScores(Train(_mlContext, threads: 1).Transform(data));
        var three = CursorScores(Train(_mlContext, threads: 3).Transform(data));
        // The thread count does not change the trained weights either, so the two models score alike.
        for (int row = 0; row < Rows; row++)
            Assert.True(one[row].SequenceEqual(three[row]), $"Row {row} differs between one and three scoring threads.");
    }

    [Fact]
    public void ACursorThatSkipsBlocksScoresTheRowsItReadsAsScoringThemAlone()
    {
        var model = Train(_mlContext, threads: 2);
        var data = new GeneratedDataView(Rows, Width);
        var alone = RowByRowScores(model, data);
        var scored = model.Transform(data);
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor(new[] { score });
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        var value = default(VBuffer<float>);
        int checkedRows = 0;
        while (cursor.MoveNext())
        {
            long row = cursor.Position;
            // The first block, none of the next two, then every other row: blocks read ahead are scored only when read.
            if (Wanted(row))
            {
                getter(ref value);
                Assert.True(alone[row].SequenceEqual(value.DenseValues().Select(BitConverter.SingleToInt32Bits)), $"Row {row}.");
                checkedRows++;
            }
        }
        Assert.Equal(Enumerable.Range(0, Rows).Count(row => Wanted(row)), checkedRows);

        static bool Wanted(long row) => row < 96 || (row >= 672 && row % 2 == 0);
    }

    [Theory]
    [InlineData(1, 10, 96)]
    [InlineData(2, 10, 96)]
    [InlineData(1, 200, 96 + 192)]
    [InlineData(2, 200, 96 + 192 + 384)]
    public void ACursorReadsTheBlocksOfTheRowsItScoresAndOnTwoThreadsOneBlockMore(int threads, int scoredRows, int expectedReads)
    {
        // The first block (96 rows) is never read ahead of; past it, two threads read the next block while scoring this one.
        var counting = new CountingDataView(new GeneratedDataView(Rows, Width), "Features");
        var scored = Train(_mlContext, threads).Transform(counting);
        var score = scored.Schema["Score"];
        using (var cursor = scored.GetRowCursor(new[] { score }))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(score);
            var value = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                if (cursor.Position < scoredRows)
                    getter(ref value);
            }
        }
        Assert.Equal(expectedReads, counting.Reads);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ABrokenRowReadAheadThrowsNamingItAndNoLaterRowIsServed(int threads)
    {
        var model = Train(_mlContext, threads);
        // Row 700 lies in the fourth block, which two threads read while they score the third.
        var scored = model.Transform(new GeneratedDataView(Rows, Width) { ShortVectorAtRow = 700 });
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor(new[] { score });
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        var value = default(VBuffer<float>);
        Exception? failure = null;
        while (failure is null && cursor.MoveNext())
            failure = Record.Exception(() => getter(ref value));

        var broken = Assert.IsType<InvalidOperationException>(failure);
        Assert.Contains("Row 700 of feature column 'Features'", broken.Message);
        // Blocks of 96, 192, 384 and 768 rows: the broken row's block starts at row 672, and on any number of threads the
        // failure surfaces there, when the cursor needs that block; every row before it is served.
        Assert.Equal(672, cursor.Position);
        Assert.True(cursor.MoveNext());
        var later = Assert.Throws<InvalidOperationException>(() => getter(ref value));
        Assert.Same(broken, later.InnerException);
    }

    [Fact]
    public void AGetterCalledAfterItsCursorIsDisposedThrows()
    {
        var model = Train(_mlContext, threads: 1);
        var scored = model.Transform(new GeneratedDataView(10, Width));
        var score = scored.Schema["Score"];
        var cursor = scored.GetRowCursor(new[] { score });
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        var value = default(VBuffer<float>);
        Assert.True(cursor.MoveNext());
        getter(ref value);
        cursor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => getter(ref value));
    }
}
