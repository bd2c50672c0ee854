using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.Trainers;

/// <summary>
/// Scoring is the expensive part of a transformer; ML.NET's contract is that a cursor computes only what
/// it was asked for. Reading the features is the observable footprint of scoring a row.
/// </summary>
public class LazinessTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [Fact]
    public void TransformScoresNothingUntilACursorReadsAnOutput()
    {
        var counting = new CountingDataView(Trained.BinaryTest(_mlContext), "Features");
        var scored = Trained.Binary.Transform(counting);
        Assert.Empty(counting.RequestedColumns);

        var label = scored.Schema["Label"];
        using (var cursor = scored.GetRowCursor(new[] { label }))
        {
            var getLabel = cursor.GetGetter<bool>(label);
            bool value = false;
            while (cursor.MoveNext())
                getLabel(ref value);
        }
        Assert.Equal(0, counting.Reads);
        // Not even the feature column is opened when no output is wanted.
        Assert.Equal(new[] { "Label" }, Assert.Single(counting.RequestedColumns));
    }

    [Fact]
    public void AnOrderedCursorScoresOnlyTheBlocksOfRowsWhoseGettersAreCalled()
    {
        var counting = new CountingDataView(Trained.BinaryTest(_mlContext), "Features");
        var scored = Trained.Binary.Transform(counting);
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor(new[] { score });
        var getScore = cursor.GetGetter<float>(score);
        float value = 0;
        int rows = 0;
        for (; cursor.MoveNext(); rows++)
        {
            if (rows < 10)
                getScore(ref value);
        }
        // The first block holds 96 rows: the first ten rows' block is read, the rest of the 200 rows never are.
        Assert.Equal(200, rows);
        Assert.Equal(96, counting.Reads);
    }

    [Fact]
    public void ParallelCursorsScoreTheirRowsAsOneCursorDoes()
    {
        var data = Trained.BinaryTest(_mlContext);
        var scored = Trained.Binary.Transform(data);
        var score = scored.Schema["Score"];
        var parts = scored.GetRowCursorSet(new[] { score }, 2);
        var scores = new List<float>();
        foreach (var cursor in parts)
        {
            using (cursor)
            {
                var getScore = cursor.GetGetter<float>(score);
                float value = 0;
                while (cursor.MoveNext())
                {
                    getScore(ref value);
                    scores.Add(value);
                }
            }
        }
        Assert.Equal(Trained.Scores(_mlContext, Trained.Binary, data).Select(s => s[0]).Order(), scores.Order());
    }

    [Fact]
    public void EachRowIsScoredOnceHoweverManyOutputsAreRead()
    {
        var counting = new CountingDataView(Trained.BinaryTest(_mlContext), "Features");
        var scored = Trained.Binary.Transform(counting);
        var columns = new[] { scored.Schema["Score"], scored.Schema["Probability"], scored.Schema["PredictedLabel"] };
        using var cursor = scored.GetRowCursor(columns);
        var getScore = cursor.GetGetter<float>(columns[0]);
        var getProbability = cursor.GetGetter<float>(columns[1]);
        var getPredicted = cursor.GetGetter<bool>(columns[2]);
        float score = 0, probability = 0;
        bool predicted = false;
        int rows = 0;
        while (cursor.MoveNext())
        {
            getScore(ref score);
            getProbability(ref probability);
            getPredicted(ref predicted);
            getScore(ref score);
            rows++;
        }
        Assert.Equal(Trained.BinaryTestRows.Count, rows);
        Assert.Equal(rows, counting.Reads);
    }

    [Fact]
    public void MulticlassScoreAndPredictedLabelShareOneScoringPerRow()
    {
        var counting = new CountingDataView(Trained.MulticlassTest(_mlContext), "Features");
        var scored = Trained.Multiclass.Transform(counting);
        int rows = _mlContext.Data.CreateEnumerable<MulticlassKeyPrediction>(scored, reuseRowObject: true).Count();
        Assert.Equal(rows, counting.Reads);
    }

    [Fact]
    public void GettersOfColumnsNotRequestedThrow()
    {
        var scored = Trained.Binary.Transform(Trained.BinaryTest(_mlContext));
        using var cursor = scored.GetRowCursor(new[] { scored.Schema["Score"] });
        Assert.True(cursor.IsColumnActive(scored.Schema["Score"]));
        Assert.False(cursor.IsColumnActive(scored.Schema["Probability"]));
        var error = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(scored.Schema["Probability"]));
        Assert.Contains("'Probability'", error.Message);
    }

    [Fact]
    public void AGetterOfTheWrongTypeThrowsNamingTheColumn()
    {
        var scored = Trained.Binary.Transform(Trained.BinaryTest(_mlContext));
        using var cursor = scored.GetRowCursor(new[] { scored.Schema["PredictedLabel"] });
        var error = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(scored.Schema["PredictedLabel"]));
        Assert.Contains("'PredictedLabel'", error.Message);
    }

    [Fact]
    public void RowToRowMapperDependsOnFeaturesOnlyForOutputs()
    {
        var input = Trained.BinaryTest(_mlContext).Schema;
        var mapper = Trained.Binary.GetRowToRowMapper(input);
        Assert.Same(input, mapper.InputSchema);

        Assert.Empty(mapper.GetDependencies(Array.Empty<DataViewSchema.Column>()));
        Assert.Equal(new[] { "Features" }, mapper.GetDependencies(new[] { mapper.OutputSchema["Probability"] }).Select(c => c.Name));
    }

    [Fact]
    public void RowToRowMapperRescoresWhenItsInputRowMoves()
    {
        // Rows fed one at a time, as PredictionEngine does: a cached score must not outlive its row.
        var data = Trained.BinaryTest(_mlContext);
        var mapper = Trained.Binary.GetRowToRowMapper(data.Schema);
        var expected = Trained.Scores(_mlContext, Trained.Binary, data);
        using var cursor = data.GetRowCursor(data.Schema);
        using var row = mapper.GetRow(cursor, new[] { mapper.OutputSchema["Score"] });
        var getScore = row.GetGetter<float>(mapper.OutputSchema["Score"]);
        var actual = new List<float>();
        float value = 0;
        while (cursor.MoveNext())
        {
            getScore(ref value);
            actual.Add(value);
        }
        Assert.Equal(expected.Select(e => e[0]), actual);
    }
}
