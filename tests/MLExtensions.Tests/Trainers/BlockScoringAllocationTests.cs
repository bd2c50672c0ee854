using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.Trainers;

/// <summary>
/// A cursor's scoring threads and block buffers are kept for the next cursor, so scoring data again allocates only the
/// cursor's own objects, however many rows it reads. The scoring threads' allocations count too, so these tests measure
/// the whole process and run alone.
/// </summary>
[Collection(AloneCollection.Name)]
public class BlockScoringAllocationTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ScoringACachedDataViewAgainAllocatesNothingPerRow(int threads)
    {
        var model = BlockScoringTests.Train(_mlContext, threads);
        var cached = _mlContext.Data.Cache(new GeneratedDataView(BlockScoringTests.Rows, BlockScoringTests.Width));
        var shortCached = _mlContext.Data.Cache(new GeneratedDataView(BlockScoringTests.Rows / 3, BlockScoringTests.Width));
        var scored = model.Transform(cached);
        var shortScored = model.Transform(shortCached);
        // Warm: the cache fills, the buffers and the threads are made, the code is compiled.
        ScoreAll(scored);
        ScoreAll(shortScored);

        long Allocated(IDataView view)
        {
            long fewest = long.MaxValue;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                ScoreAll(view);
                fewest = Math.Min(fewest, GC.GetTotalAllocatedBytes(precise: true) - before);
            }
            return fewest;
        }

        long full = Allocated(scored), third = Allocated(shortScored);
        // What a cursor allocates (the cursors, getters and delegates) does not grow with its rows.
        Assert.True(full - third < 1024, $"{BlockScoringTests.Rows} rows allocated {full} bytes, {BlockScoringTests.Rows / 3} rows {third}.");
        // And it stays small: the cursors, getters and delegates of one pass come to about 11 KB here.
        Assert.True(full < 16 * 1024, $"Scoring {BlockScoringTests.Rows} rows again allocated {full} bytes.");
    }

    private static void ScoreAll(IDataView scored)
    {
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor(new[] { score });
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        var value = default(VBuffer<float>);
        while (cursor.MoveNext())
            getter(ref value);
    }
}
