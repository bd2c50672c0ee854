using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Trainers;

/// <summary>
/// A shuffled cursor and each cursor of a parallel set cannot be followed by a second cursor, so each reads its own input
/// a block ahead, keeping the requested input columns, and scores the block at once. None of that may show: every row keeps
/// its own input values, position, batch and id, and the bits of scoring it alone.
/// </summary>
public class ReadAheadScoringTests
{
    private const int Width = BlockScoringTests.Width;
    private const int Rows = BlockScoringTests.Rows;

    private readonly MLContext _mlContext = new(seed: 1);

    private sealed record ServedRow(long Position, long Batch, ulong Id, int[] Score, float Label, float[] Features);

    // Each row alone through the row-to-row mapper, as PredictionEngine scores it.
    private static int[][] RowByRowScores(ITransformer model, IDataView data)
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

    private static DataViewSchema.Column[] Columns(IDataView scored) =>
        new[] { scored.Schema["Score"], scored.Schema["Label"], scored.Schema["Features"] };

    private static List<ServedRow> ReadAll(DataViewRowCursor cursor, DataViewSchema.Column[] columns)
    {
        var getScore = cursor.GetGetter<VBuffer<float>>(columns[0]);
        var getLabel = cursor.GetGetter<float>(columns[1]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(columns[2]);
        var getId = cursor.GetIdGetter();
        var score = default(VBuffer<float>);
        var features = default(VBuffer<float>);
        float label = 0;
        var id = default(DataViewRowId);
        var rows = new List<ServedRow>();
        while (cursor.MoveNext())
        {
            getScore(ref score);
            getLabel(ref label);
            getFeatures(ref features);
            getId(ref id);
            rows.Add(new ServedRow(cursor.Position, cursor.Batch, id.Low,
                score.DenseValues().Select(BitConverter.SingleToInt32Bits).ToArray(), label, features.DenseValues().ToArray()));
        }
        return rows;
    }

    /// <summary>The set's cursors, each read on a thread of its own, as ML.NET's consumers of parallel cursors read them.</summary>
    private static List<ServedRow>[] ReadInParallel(DataViewRowCursor[] set, DataViewSchema.Column[] columns)
    {
        var parts = new List<ServedRow>[set.Length];
        Parallel.For(0, set.Length, new ParallelOptions { MaxDegreeOfParallelism = set.Length }, i =>
        {
            using var cursor = set[i];
            parts[i] = ReadAll(cursor, columns);
        });
        return parts;
    }

    private static void AssertRowIsItsOwn(GeneratedDataView source, int[][] alone, ServedRow row)
    {
        Assert.True(alone[row.Id].SequenceEqual(row.Score), $"Row {row.Id} was scored differently in its block.");
        Assert.Equal(source.RegressionLabel((long)row.Id), row.Label);
        Assert.Equal(Enumerable.Range(0, Width).Select(j => GeneratedDataView.Feature((long)row.Id, j)), row.Features);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(2, 3)]
    public void EachCursorOfAParallelSetServesItsRowsWithTheirOwnValuesAndTheBitsOfScoringThemAlone(int threads, int cursors)
    {
        var model = BlockScoringTests.Train(_mlContext, threads);
        var source = new GeneratedDataView(Rows, Width) { ParallelCursors = cursors };
        var alone = RowByRowScores(model, source);
        var scored = model.Transform(source);

        var parts = ReadInParallel(scored.GetRowCursorSet(Columns(scored), cursors), Columns(scored));

        Assert.Equal(cursors, parts.Length);
        for (int part = 0; part < cursors; part++)
        {
            // Cursor k serves batches k, k + n, ... of the source: its rows, in its order, with its positions and batches.
            var expected = Enumerable.Range(0, Rows).Where(row => row / GeneratedDataView.SetBatchRows % cursors == part).ToArray();
            Assert.Equal(expected.Select(row => (ulong)row), parts[part].Select(row => row.Id));
            Assert.Equal(expected.Select(row => (long)row), parts[part].Select(row => row.Position));
            Assert.Equal(expected.Select(row => (long)(row / GeneratedDataView.SetBatchRows)), parts[part].Select(row => row.Batch));
            foreach (var row in parts[part])
                AssertRowIsItsOwn(source, alone, row);
        }
    }

    [Fact]
    public void TheCursorsOfAnMLNetCacheSetTogetherServeEveryRowOnceWithTheBitsOfScoringItAlone()
    {
        var model = BlockScoringTests.Train(_mlContext, threads: 2);
        var source = new GeneratedDataView(Rows, Width);
        var alone = RowByRowScores(model, source);
        var scored = model.Transform(_mlContext.Data.Cache(source));

        var set = scored.GetRowCursorSet(Columns(scored), 2);
        Assert.True(set.Length > 1, "ML.NET's cache gave one cursor: this test no longer reaches a parallel set.");
        var rows = ReadInParallel(set, Columns(scored)).SelectMany(part => part).ToList();

        Assert.Equal(Enumerable.Range(0, Rows).Select(row => (ulong)row), rows.Select(row => row.Id).Order());
        foreach (var row in rows)
            AssertRowIsItsOwn(source, alone, row);
    }

    [Fact]
    public void AShuffledCursorServesEachRowOnceWithTheBitsOfScoringItAlone()
    {
        var model = BlockScoringTests.Train(_mlContext, threads: 2);
        var source = new GeneratedDataView(Rows, Width);
        var alone = RowByRowScores(model, source);
        var scored = model.Transform(_mlContext.Data.Cache(source));
        Assert.True(scored.CanShuffle);

        List<ServedRow> rows;
        using (var cursor = scored.GetRowCursor(Columns(scored), new Random(5)))
            rows = ReadAll(cursor, Columns(scored));

        Assert.NotEqual(Enumerable.Range(0, Rows).Select(row => (ulong)row), rows.Select(row => row.Id));
        Assert.Equal(Enumerable.Range(0, Rows).Select(row => (ulong)row), rows.Select(row => row.Id).Order());
        foreach (var row in rows)
            AssertRowIsItsOwn(source, alone, row);
    }

    [Fact]
    public void AColumnWhoseObjectTheInputRewritesForEveryRowIsServedRowByRowAndStaysRight()
    {
        // Keeping that object for rows read ahead would show every kept row the last row read: such a column makes the
        // cursor map each row as the input reaches it.
        var model = BlockScoringTests.Train(_mlContext, threads: 1);
        var source = new GeneratedDataView(500, Width) { ParallelCursors = 2, Tagged = true };
        var alone = RowByRowScores(model, source);
        var scored = model.Transform(source);
        var tag = scored.Schema["Tag"];
        var score = scored.Schema["Score"];

        foreach (var cursor in scored.GetRowCursorSet(new[] { tag, score }, 2))
        {
            using (cursor)
            {
                var getTag = cursor.GetGetter<GeneratedDataView.RowTag>(tag);
                var getScore = cursor.GetGetter<VBuffer<float>>(score);
                GeneratedDataView.RowTag? value = null;
                var scores = default(VBuffer<float>);
                while (cursor.MoveNext())
                {
                    getTag(ref value!);
                    getScore(ref scores);
                    Assert.Equal(cursor.Position, value.Row);
                    Assert.True(alone[cursor.Position].SequenceEqual(scores.DenseValues().Select(BitConverter.SingleToInt32Bits)));
                }
            }
        }
    }

    [Fact]
    public void ABrokenRowFailsTheMoveNextThatReachesItAfterEveryEarlierRowIsServed()
    {
        var model = BlockScoringTests.Train(_mlContext, threads: 1);
        // Row 730 lies in batch 14 (rows 700-749), which the first of two cursors serves: it is that cursor's row 380, in its
        // third block (its rows 288-671), read when the cursor moves past its row 287.
        const long broken = 730;
        int brokenPart = (int)(broken / GeneratedDataView.SetBatchRows % 2);
        var source = new GeneratedDataView(Rows, Width) { ParallelCursors = 2, ShortVectorAtRow = broken };
        var scored = model.Transform(source);
        var score = scored.Schema["Score"];
        var set = scored.GetRowCursorSet(new[] { score }, 2);

        using (var healthy = set[1 - brokenPart])
        {
            var getScore = healthy.GetGetter<VBuffer<float>>(score);
            var value = default(VBuffer<float>);
            int served = 0;
            while (healthy.MoveNext())
            {
                getScore(ref value);
                served++;
            }
            Assert.Equal(Enumerable.Range(0, Rows).Count(row => row / GeneratedDataView.SetBatchRows % 2 != brokenPart), served);
        }

        using var cursor = set[brokenPart];
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        var scores = default(VBuffer<float>);
        long last = -1;
        bool ended = false;
        Exception? failure = null;
        while (failure is null && !ended)
        {
            failure = Record.Exception(() =>
            {
                if (cursor.MoveNext())
                {
                    getter(ref scores);
                    last = cursor.Position;
                }
                else
                {
                    ended = true;
                }
            });
        }

        var error = Assert.IsType<InvalidOperationException>(failure);
        Assert.Contains($"Row {broken} of feature column 'Features'", error.Message);
        // Every row of the cursor before the broken one was served; none after it is.
        Assert.Equal(broken - 1, last);
        var later = Assert.Throws<InvalidOperationException>(() => cursor.MoveNext());
        Assert.Same(error, later.InnerException);
    }

    [Fact]
    public void AGetterOfAReadAheadCursorThrowsOffARowAndForAColumnNotRequestedOrOfAnotherType()
    {
        var model = BlockScoringTests.Train(_mlContext, threads: 1);
        var scored = model.Transform(new GeneratedDataView(10, Width) { ParallelCursors = 2 });
        var set = scored.GetRowCursorSet(new[] { scored.Schema["Score"], scored.Schema["Label"] }, 2);
        using var cursor = set[0];
        using var other = set[1];
        var getScore = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
        var value = default(VBuffer<float>);

        Assert.Equal(-1, cursor.Position);
        Assert.Throws<InvalidOperationException>(() => getScore(ref value));
        Assert.False(cursor.IsColumnActive(scored.Schema["Features"]));
        Assert.True(cursor.IsColumnActive(scored.Schema["Label"]));
        Assert.Contains("'Features'", Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<VBuffer<float>>(scored.Schema["Features"])).Message);
        Assert.Contains("'Label'", Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<double>(scored.Schema["Label"])).Message);

        // Ten rows in batches of 50: the first cursor has them all, and the getter stops serving once it has ended.
        int rows = 0;
        while (cursor.MoveNext())
        {
            getScore(ref value);
            rows++;
        }
        Assert.Equal(10, rows);
        Assert.False(other.MoveNext());
        Assert.Throws<InvalidOperationException>(() => getScore(ref value));
    }
}
