using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Reliability;

/// <summary>A view of selected rows shares its source's buffers: selecting copies indices, never values.</summary>
public class TrainingDataViewTests
{
    private static TrainingData Numbered(int rows, bool weights = false) => new(
        Enumerable.Range(0, rows * 2).Select(i => (float)i).ToArray(), 2,
        Enumerable.Range(0, rows).Select(i => (float)(i % 3)).ToArray(), 1,
        weights ? Enumerable.Range(0, rows).Select(i => i / 10f).ToArray() : null);

    [Fact]
    public void AViewReadsTheSelectedRowsInOrderFromTheSameBuffers()
    {
        var data = Numbered(10, weights: true);
        var view = data.Select(new[] { 7, 2, 9 });
        Assert.True(view.IsView);
        Assert.Equal(3, view.RowCount);
        Assert.Equal(new[] { 14f, 15f }, view.FeaturesOf(0).ToArray());
        Assert.Equal(new[] { 4f, 5f }, view.FeaturesOf(1).ToArray());
        Assert.Equal(2f, view.TargetsOf(1)[0]);
        Assert.Equal(0.9f, view.WeightOf(2));

        // Shared, not copied: a change to the source is what the view reads.
        data.Features[14] = -1;
        Assert.Equal(-1f, view.FeaturesOf(0)[0]);
    }

    [Fact]
    public void AViewOfAViewSelectsFromItsRows()
    {
        var view = Numbered(10).Select(new[] { 9, 8, 7, 6 }).Select(new[] { 3, 0 });
        Assert.Equal(new[] { 12f, 13f }, view.FeaturesOf(0).ToArray());
        Assert.Equal(new[] { 18f, 19f }, view.FeaturesOf(1).ToArray());
    }

    [Fact]
    public void SelectingAllocatesIndicesOnly()
    {
        var data = Numbered(100_000);
        var rows = Enumerable.Range(0, 50_000).Select(i => 2 * i).ToArray();
        // One window, measured once, can catch the runtime's own one-time work (Support/Allocations says why).
        long allocated = Allocations.InSteadyState(() => data.Select(rows), callsPerWindow: 1);
        // 50,000 ints and the view itself; the selected values alone would be 400,000 bytes.
        Assert.InRange(allocated, 200_000, 201_000);
    }

    [Fact]
    public void CompactCopiesAViewIntoContiguousBuffersAndLeavesWholeDataAsItIs()
    {
        var data = Numbered(6, weights: true);
        Assert.Same(data, data.Compact());
        var compact = data.Select(new[] { 5, 1 }).Compact();
        Assert.False(compact.IsView);
        Assert.Equal(new[] { 10f, 11f, 2f, 3f }, compact.Features);
        Assert.Equal(new[] { 2f, 1f }, compact.Targets);
        Assert.Equal(new[] { 0.5f, 0.1f }, compact.Weights);
    }

    [Fact]
    public void AViewsBuffersAreRefusedWithAMessageSayingHowToReadIt()
    {
        var view = Numbered(4).Select(new[] { 1, 3 });
        var error = Assert.Throws<InvalidOperationException>(() => view.Features);
        Assert.Contains("FeaturesOf", error.Message);
        Assert.Contains("Compact()", error.Message);
        Assert.Throws<InvalidOperationException>(() => view.Targets);
        Assert.Throws<InvalidOperationException>(() => view.Weights);
    }

    [Fact]
    public void SelectingARowThatIsNotThereIsRefused()
    {
        var data = Numbered(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Select(new[] { 0, 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Select(new[] { -1 }));
        Assert.Throws<ArgumentException>(() => data.Select(Array.Empty<int>()));
    }
}
