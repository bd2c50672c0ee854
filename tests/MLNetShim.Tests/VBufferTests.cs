using Microsoft.ML.Data;

namespace MLNetShim.Tests;

public class VBufferTests
{
    [Fact]
    public void DenseBufferExposesItsLogicalValuesOnly()
    {
        var dense = new VBuffer<float>(3, new[] { 1f, 2f, 3f, 99f });
        Assert.True(dense.IsDense);
        Assert.Equal(3, dense.Length);
        Assert.Equal(new[] { 1f, 2f, 3f }, dense.GetValues().ToArray());
        Assert.True(dense.GetIndices().IsEmpty);
        Assert.Equal(2f, dense.GetItemOrDefault(1));
        Assert.Equal("Dense vector of size 3", dense.ToString());
    }

    [Fact]
    public void SparseBufferFillsImplicitSlotsWithDefaults()
    {
        var sparse = new VBuffer<float>(5, 2, new[] { 7f, 8f }, new[] { 1, 3 });
        Assert.False(sparse.IsDense);
        Assert.Equal(new[] { 1, 3 }, sparse.GetIndices().ToArray());
        Assert.Equal(new[] { 0f, 7f, 0f, 8f, 0f }, sparse.DenseValues());
        Assert.Equal(new[] { (1, 7f), (3, 8f) }, sparse.Items().Select(kv => (kv.Key, kv.Value)));
        Assert.Equal(5, sparse.Items(all: true).Count());
        Assert.Equal(0f, sparse.GetItemOrDefault(2));
        float item = -1;
        sparse.GetItemOrDefault(3, ref item);
        Assert.Equal(8f, item);
        Assert.Throws<ArgumentOutOfRangeException>(() => sparse.GetItemOrDefault(5));

        var span = new float[6];
        sparse.CopyTo(span, 1, float.NaN);
        Assert.Equal(new[] { 0f, float.NaN, 7f, float.NaN, 8f, float.NaN }, span);
    }

    [Fact]
    public void CopyToPreservesSparsityAndCopyToDenseDensifies()
    {
        var sparse = new VBuffer<int>(4, 1, new[] { 5 }, new[] { 2 });
        VBuffer<int> copy = default;
        sparse.CopyTo(ref copy);
        Assert.False(copy.IsDense);
        Assert.Equal(new[] { 0, 0, 5, 0 }, copy.DenseValues());

        VBuffer<int> dense = default;
        sparse.CopyToDense(ref dense);
        Assert.True(dense.IsDense);
        Assert.Equal(new[] { 0, 0, 5, 0 }, dense.GetValues().ToArray());

        VBuffer<int> slice = default;
        new VBuffer<int>(6, 3, new[] { 1, 2, 3 }, new[] { 0, 2, 5 }).CopyTo(ref slice, 1, 4);
        Assert.Equal(4, slice.Length);
        Assert.Equal(new[] { 0, 2, 0, 0 }, slice.DenseValues());

        VBuffer<int> fromArray = default;
        VBuffer<int>.Copy(new[] { 9, 8, 7 }, 1, ref fromArray, 2);
        Assert.Equal(new[] { 8, 7 }, fromArray.GetValues().ToArray());
    }

    [Fact]
    public void EditorsReuseBuffersThatAreLargeEnough()
    {
        var values = new float[8];
        var buffer = new VBuffer<float>(8, values);
        var editor = VBufferEditor.Create(ref buffer, 4);
        Assert.False(editor.CreatedNewValues);
        editor.Values.Fill(1f);
        buffer = editor.Commit();
        Assert.Equal(4, buffer.Length);
        Assert.Equal(1f, values[0]);

        var grown = VBufferEditor.Create(ref buffer, 20);
        Assert.True(grown.CreatedNewValues);
        Assert.Equal(20, grown.Values.Length);

        VBuffer<float> empty = default;
        var sparseEditor = VBufferEditor.Create(ref empty, 10, 2);
        Assert.Equal(2, sparseEditor.Values.Length);
        Assert.Equal(2, sparseEditor.Indices.Length);
        sparseEditor.Values[0] = 3; sparseEditor.Indices[0] = 4;
        sparseEditor.Values[1] = 5; sparseEditor.Indices[1] = 9;
        var truncated = sparseEditor.CommitTruncated(1);
        Assert.Equal(new[] { 4 }, truncated.GetIndices().ToArray());
        Assert.Throws<ArgumentException>(() => VBufferEditor.Create(ref empty, 10, 2).CommitTruncated(3));

        var fromBuffer = VBufferEditor.CreateFromBuffer(ref truncated);
        Assert.Equal(1, fromBuffer.Values.Length);
        Assert.True(VBufferEditor.Create(ref empty, 3, requireIndicesOnDense: true).Indices.Length == 3);
    }
}
