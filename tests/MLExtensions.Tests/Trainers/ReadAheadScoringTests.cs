using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;
using MLExtensions.Transforms.Mapping;

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

    private static void AssertScoredAlone(int[][] alone, ulong row, VBuffer<float> scores) =>
        Assert.True(alone[row].SequenceEqual(scores.DenseValues().Select(BitConverter.SingleToInt32Bits)), $"Row {row} was scored differently in its block.");

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
        var alone = BlockScoringTests.RowByRowScores(model, source);
        var scored = model.Transform(source);

        // A second set scores with the buffers the first gave back.
        for (int pass = 0; pass < 2; pass++)
        {
            var parts = ReadInParallel(scored.GetRowCursorSet(Columns(scored), cursors), Columns(scored));

            Assert.Equal(cursors, parts.Length);
            for (int part = 0; part < cursors; part++)
            {
                // Cursor k serves batches k, k + n, ... of the source: its rows (their ids), in its order, with its own
                // positions from 0 and the rows' batches.
                var expected = Enumerable.Range(0, Rows).Where(row => row / GeneratedDataView.SetBatchRows % cursors == part).ToArray();
                Assert.Equal(expected.Select(row => (ulong)row), parts[part].Select(row => row.Id));
                Assert.Equal(Enumerable.Range(0, expected.Length).Select(position => (long)position), parts[part].Select(row => row.Position));
                Assert.Equal(expected.Select(row => (long)(row / GeneratedDataView.SetBatchRows)), parts[part].Select(row => row.Batch));
                foreach (var row in parts[part])
                    AssertRowIsItsOwn(source, alone, row);
            }
        }
    }

    [Fact]
    public void ACursorReadingOneRowOfEachBlockIsServedThatRowsScores()
    {
        // Rows 95 and 191 of a cursor are the last of its first block (96 rows) and the 96th of its second: a block must not
        // serve the row of the same index it served in the block before.
        var model = BlockScoringTests.Train(_mlContext, threads: 1);
        var source = new GeneratedDataView(Rows, Width) { ParallelCursors = 2 };
        var alone = BlockScoringTests.RowByRowScores(model, source);
        var scored = model.Transform(source);
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursorSet(new[] { score }, 2)[0];
        var getScore = cursor.GetGetter<VBuffer<float>>(score);
        var getId = cursor.GetIdGetter();
        var value = default(VBuffer<float>);
        var id = default(DataViewRowId);
        int read = 0;
        while (cursor.MoveNext())
        {
            if (cursor.Position is 95 or 191)
            {
                getScore(ref value);
                getId(ref id);
                AssertScoredAlone(alone, id.Low, value);
                read++;
            }
        }
        Assert.Equal(2, read);
    }

    [Fact]
    public void TheCursorsOfAnMLNetCacheSetTogetherServeEveryRowOnceWithTheBitsOfScoringItAlone()
    {
        var model = BlockScoringTests.Train(_mlContext, threads: 2);
        var source = new GeneratedDataView(Rows, Width);
        var alone = BlockScoringTests.RowByRowScores(model, source);
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
        var alone = BlockScoringTests.RowByRowScores(model, source);
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
        var alone = BlockScoringTests.RowByRowScores(model, source);
        var scored = model.Transform(source);
        var tag = scored.Schema["Tag"];
        var score = scored.Schema["Score"];

        int rows = 0;
        foreach (var cursor in scored.GetRowCursorSet(new[] { tag, score }, 2))
        {
            using (cursor)
            {
                var getTag = cursor.GetGetter<GeneratedDataView.RowTag>(tag);
                var getScore = cursor.GetGetter<VBuffer<float>>(score);
                var getId = cursor.GetIdGetter();
                GeneratedDataView.RowTag? value = null;
                var scores = default(VBuffer<float>);
                var id = default(DataViewRowId);
                while (cursor.MoveNext())
                {
                    getTag(ref value!);
                    getScore(ref scores);
                    getId(ref id);
                    Assert.Equal((long)id.Low, value.Row);
                    AssertScoredAlone(alone, id.Low, scores);
                    rows++;
                }
            }
        }
        Assert.Equal(500, rows);
    }

    [Fact]
    public void ABrokenRowFailsItsScoreGetterAfterEveryEarlierRowIsServedAndNoLaterRowIsScored()
    {
        var model = BlockScoringTests.Train(_mlContext, threads: 1);
        // Row 730 lies in batch 14 (rows 700-749), which the first of two cursors serves: it is that cursor's row 380, in its
        // third block (its rows 288-671), read when the cursor moves past its row 287.
        const long broken = 730;
        int brokenPart = (int)(broken / GeneratedDataView.SetBatchRows % 2);
        var source = new GeneratedDataView(Rows, Width) { ParallelCursors = 2, ShortVectorAtRow = broken };
        var alone = BlockScoringTests.RowByRowScores(model, new GeneratedDataView(Rows, Width));
        var scored = model.Transform(source);
        var score = scored.Schema["Score"];
        var label = scored.Schema["Label"];
        var set = scored.GetRowCursorSet(new[] { score, label }, 2);

        using (var healthy = set[1 - brokenPart])
            Assert.Equal(Enumerable.Range(0, Rows).Count(row => row / GeneratedDataView.SetBatchRows % 2 != brokenPart), ReadScores(healthy, score).Count);

        using var cursor = set[brokenPart];
        var getScore = cursor.GetGetter<VBuffer<float>>(score);
        var getLabel = cursor.GetGetter<float>(label);
        var getId = cursor.GetIdGetter();
        var value = default(VBuffer<float>);
        var id = default(DataViewRowId);
        float labelValue = 0;
        Exception? failure = null;
        while (failure is null && cursor.MoveNext())
        {
            getId(ref id);
            failure = Record.Exception(() => getScore(ref value));
            if (failure is null)
                AssertScoredAlone(alone, id.Low, value);
        }

        // The message names the row as the cursor counts it, as every feature read does.
        var error = Assert.IsType<InvalidOperationException>(failure);
        Assert.Contains("Row 380 of feature column 'Features'", error.Message);
        Assert.Equal((ulong)broken, id.Low);
        Assert.Equal(380, cursor.Position);
        // The input's own columns are still served; no score of a later row is, in this block or the next.
        int laterRows = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref labelValue);
            getId(ref id);
            Assert.Equal(source.RegressionLabel((long)id.Low), labelValue);
            var later = Assert.Throws<InvalidOperationException>(() => getScore(ref value));
            Assert.Same(error, later.InnerException);
            laterRows++;
        }
        Assert.True(laterRows > 291, "The cursor ended in the broken row's block: no later block was checked.");
    }

    private static List<int[]> ReadScores(DataViewRowCursor cursor, DataViewSchema.Column score)
    {
        var getScore = cursor.GetGetter<VBuffer<float>>(score);
        var value = default(VBuffer<float>);
        var rows = new List<int[]>();
        while (cursor.MoveNext())
        {
            getScore(ref value);
            rows.Add(value.DenseValues().Select(BitConverter.SingleToInt32Bits).ToArray());
        }
        return rows;
    }

    [Fact]
    public void AWideRequestedColumnShortensTheBlocksAndEveryRowIsStillServed()
    {
        // A million floats a row, as its type declares: four megabytes each, so a block keeps four rows.
        const int wide = 1 << 20;
        var model = BlockScoringTests.Train(_mlContext, threads: 1);
        var alone = BlockScoringTests.RowByRowScores(model, new GeneratedDataView(500, Width));
        var source = new GeneratedDataView(500, Width) { ParallelCursors = 2, WideVectorSize = wide };
        var scored = model.Transform(source);
        var columns = new[] { scored.Schema["Score"], scored.Schema["Wide"] };
        using var cursor = scored.GetRowCursorSet(columns, 2)[0];
        var getScore = cursor.GetGetter<VBuffer<float>>(columns[0]);
        var getWide = cursor.GetGetter<VBuffer<float>>(columns[1]);
        var getId = cursor.GetIdGetter();
        var score = default(VBuffer<float>);
        var values = default(VBuffer<float>);
        var id = default(DataViewRowId);

        Assert.True(cursor.MoveNext());
        long blockRows = source.RowsServed;
        Assert.Equal(ReadAheadCursor.MaxCachedBytes / (wide * sizeof(float)), blockRows);
        int rows = 0;
        do
        {
            getScore(ref score);
            getWide(ref values);
            getId(ref id);
            AssertScoredAlone(alone, id.Low, score);
            Assert.Equal(wide, values.Length);
            Assert.Equal(new[] { (int)(id.Low % wide) }, values.GetIndices().ToArray());
            Assert.Equal(new[] { id.Low + 1f }, values.GetValues().ToArray());
            rows++;
        }
        while (cursor.MoveNext());
        Assert.Equal(Enumerable.Range(0, 500).Count(row => row / GeneratedDataView.SetBatchRows % 2 == 0), rows);
    }

    [Fact]
    public void ARowTheInputCannotReadFailsTheMoveNextThatReachesIt()
    {
        var model = BlockScoringTests.Train(_mlContext, threads: 1);
        // The input itself throws at row 300 (in its MoveNext), which a cursor reaches in its third block. As a set of one
        // shuffled cursor (no second cursor could follow it), it serves every row before 300, then its MoveNext throws.
        var source = new GeneratedDataView(Rows, Width) { OnRow = row => { if (row == 300) throw new InvalidDataException("Row 300 is unreadable."); } };
        var direct = model.Transform(source);
        using var cursor = direct.GetRowCursorSet(new[] { direct.Schema["Score"] }, 1, new Random(1))[0];
        var getScore = cursor.GetGetter<VBuffer<float>>(direct.Schema["Score"]);
        var value = default(VBuffer<float>);
        int served = 0;
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            while (cursor.MoveNext())
            {
                getScore(ref value);
                served++;
            }
        });
        Assert.Equal("Row 300 is unreadable.", error.Message);
        Assert.Equal(300, served);
        Assert.Equal(-1, cursor.Position);
        Assert.Same(error, Assert.Throws<InvalidOperationException>(() => cursor.MoveNext()).InnerException);
    }

    private sealed class TypedRow
    {
        [VectorType(Width)] public float[] Features { get; set; } = new float[Width];
        public string Text { get; set; } = "";
        public bool Flag { get; set; }
        public DateTime When { get; set; }
        public double Amount { get; set; }
    }

    [Fact]
    public void TextBooleanDateKeyAndSparseVectorColumnsAreServedAsTheOrderedCursorServesThem()
    {
        var model = BlockScoringTests.Train(_mlContext, threads: 1);
        var rows = Enumerable.Range(0, 700).Select(i => new TypedRow
        {
            Features = Enumerable.Range(0, Width).Select(j => GeneratedDataView.Feature(i, j)).ToArray(),
            Text = $"word{i % 7}",
            Flag = i % 3 == 0,
            When = new DateTime(2020, 1, 1).AddHours(i),
            Amount = i * 0.25,
        }).ToList();
        var typed = _mlContext.Transforms.Conversion.MapValueToKey("Key", "Text")
            .Append(_mlContext.Transforms.Categorical.OneHotEncoding("OneHot", "Text"))
            .Fit(_mlContext.Data.LoadFromEnumerable(rows)).Transform(_mlContext.Data.LoadFromEnumerable(rows));
        var scored = model.Transform(_mlContext.Data.Cache(typed));
        var columns = new[] { "Text", "Flag", "When", "Amount", "Key", "OneHot", "Score" }.Select(name => scored.Schema[name]).ToArray();

        var ordered = ReadTyped(scored.GetRowCursor(columns), columns);
        var shuffled = ReadTyped(scored.GetRowCursor(columns, new Random(3)), columns);

        Assert.Equal(ordered.Keys.Order(), shuffled.Keys.Order());
        Assert.NotEqual(ordered.Keys, shuffled.Keys);
        foreach (var (id, values) in ordered)
            Assert.Equal(values, shuffled[id]);
        Assert.Contains("sparse", ordered.Values.First());
    }

    /// <summary>Each row's values as text, by row id; a vector says whether it is sparse.</summary>
    private static Dictionary<ulong, string> ReadTyped(DataViewRowCursor cursor, DataViewSchema.Column[] columns)
    {
        using (cursor)
        {
            var text = cursor.GetGetter<ReadOnlyMemory<char>>(columns[0]);
            var flag = cursor.GetGetter<bool>(columns[1]);
            var when = cursor.GetGetter<DateTime>(columns[2]);
            var amount = cursor.GetGetter<double>(columns[3]);
            var key = cursor.GetGetter<uint>(columns[4]);
            var oneHot = cursor.GetGetter<VBuffer<float>>(columns[5]);
            var score = cursor.GetGetter<VBuffer<float>>(columns[6]);
            var id = cursor.GetIdGetter();
            var rows = new Dictionary<ulong, string>();
            ReadOnlyMemory<char> t = default;
            bool f = false;
            DateTime w = default;
            double a = 0;
            uint k = 0;
            VBuffer<float> h = default, s = default;
            DataViewRowId i = default;
            while (cursor.MoveNext())
            {
                text(ref t);
                flag(ref f);
                when(ref w);
                amount(ref a);
                key(ref k);
                oneHot(ref h);
                score(ref s);
                id(ref i);
                string vector = $"{(h.IsDense ? "dense" : "sparse")} {h.Length}: {string.Join(",", h.GetIndices().ToArray())} = {string.Join(",", h.GetValues().ToArray())}";
                string scores = string.Join(",", s.DenseValues().Select(BitConverter.SingleToInt32Bits));
                rows.Add(i.Low, $"{t} {f} {w:O} {a} {k} {vector} {scores}");
            }
            return rows;
        }
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
        Assert.Equal(-1, cursor.Position);
        Assert.Throws<InvalidOperationException>(() => getScore(ref value));
        cursor.Dispose();
        Assert.False(cursor.MoveNext());
        Assert.Throws<ObjectDisposedException>(() => getScore(ref value));
    }
}
