using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;
using MLExtensions.Tests.Trainers;

namespace MLExtensions.Tests.MLNet;

/// <summary>
/// An ML.NET transform after ours (here <c>MapKeyToValue</c>, which every multiclass pipeline ends with) reads its input
/// through parallel cursors whenever its own output is read: ML.NET asks our scored view for a set of at least two
/// cursors and then either splits the one ordered cursor it gets among its threads, or consolidates the set it gets,
/// restoring the order from the rows' batches. Either way every row must reach the reader in order with the bits of
/// scoring it alone.
/// </summary>
public class DownstreamParallelCursorTests
{
    private const int Rows = BlockScoringTests.Rows;
    private readonly MLContext _mlContext = new(seed: 1);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MapKeyToValueAfterOurTransformerServesEveryRowInOrderWithTheBitsOfScoringItAlone(bool cached)
    {
        var model = BlockScoringTests.Train(_mlContext, threads: 2);
        var source = new GeneratedDataView(Rows, BlockScoringTests.Width);
        // ML.NET's cache gives a set of cursors (read ahead on themselves); the generated view gives one ordered cursor.
        var input = cached ? _mlContext.Data.Cache(source) : source;
        var scored = model.Transform(input);
        var mapped = _mlContext.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel").Fit(scored).Transform(scored);
        var classes = default(VBuffer<ReadOnlyMemory<char>>);
        scored.Schema["PredictedLabel"].GetKeyValues(ref classes);
        var classNames = classes.DenseValues().Select(name => name.ToString()).ToArray();

        var alone = BlockScoringTests.RowByRowScores(model, source);
        var score = mapped.Schema["Score"];
        var predicted = mapped.Schema["PredictedClass"];
        using var cursor = mapped.GetRowCursor(new[] { score, predicted });
        var getScore = cursor.GetGetter<VBuffer<float>>(score);
        var getPredicted = cursor.GetGetter<ReadOnlyMemory<char>>(predicted);
        var scores = default(VBuffer<float>);
        var name = default(ReadOnlyMemory<char>);
        int row = 0;
        while (cursor.MoveNext())
        {
            getScore(ref scores);
            getPredicted(ref name);
            var values = scores.DenseValues().ToArray();
            Assert.True(alone[row].SequenceEqual(values.Select(BitConverter.SingleToInt32Bits)), $"Row {row}.");
            Assert.Equal(classNames[Array.IndexOf(values, values.Max())], name.ToString());
            row++;
        }
        Assert.Equal(Rows, row);
    }
}
