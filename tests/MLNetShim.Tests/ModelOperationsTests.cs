using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetShim.Tests;

public class ModelOperationsTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Training()
        => _ml.Data.LoadFromEnumerable(new[]
        {
            new LabelRow { Label = "cat", A = 1, B = 2 },
            new LabelRow { Label = "dog", A = 3, B = 4 },
        });

    /// <summary>What a third-party transformer looks like: it cannot write through ModelSaveContext.</summary>
    private sealed class ForeignTransformer : ITransformer
    {
        public bool IsRowToRowMapper => false;
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;
        public IDataView Transform(IDataView input) => input;
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();
        public void Save(ModelSaveContext ctx) => throw new NotSupportedException("Use the MLExtensions model format.");
    }

    private sealed class SilentTransformer : ITransformer
    {
        public bool IsRowToRowMapper => false;
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;
        public IDataView Transform(IDataView input) => input;
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();
        public void Save(ModelSaveContext ctx)
        {
        }
    }

    [Fact]
    public void ChainRoundTripsThroughAStream()
    {
        var data = Training();
        var model = _ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
            .Append(_ml.Transforms.Concatenate("Features", "A", "B"))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("LabelBack", "LabelKey"))
            .Fit(data);

        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out var schema);

        Assert.Equal(data.Schema.Select(c => (c.Name, c.Type)), schema.Select(c => (c.Name, c.Type)));
        var chain = Assert.IsType<TransformerChain<ITransformer>>(loaded);
        Assert.Equal(3, chain.Count());

        var fresh = _ml.Data.LoadFromEnumerable(new[] { new LabelRow { Label = "dog", A = 5, B = 6 }, new LabelRow { Label = "eel" } });
        var expected = _ml.Data.CreateEnumerable<FeaturesOut>(model.Transform(fresh), false).Select(r => (string.Join(",", r.Features), r.Label)).ToList();
        var actual = _ml.Data.CreateEnumerable<FeaturesOut>(loaded.Transform(fresh), false).Select(r => (string.Join(",", r.Features), r.Label)).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(new uint[] { 2, 0 }, _ml.Data.CreateEnumerable<KeyOut>(loaded.Transform(fresh), false, true).Select(k => k.LabelKey));
    }

    [Fact]
    public void SaveToFileAndLoadBack()
    {
        var data = Training();
        var model = _ml.Transforms.Concatenate("Features", "A", "B").Fit(data);
        var path = Path.Combine(Path.GetTempPath(), $"mlnetshim-{Guid.NewGuid():N}.bin");
        try
        {
            _ml.Model.Save(model, data.Schema, path);
            var loaded = _ml.Model.Load(path, out _);
            Assert.IsType<ColumnConcatenatingTransformer>(loaded);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SavePropagatesTheTransformersOwnFailure()
    {
        var data = Training();
        var chain = new TransformerChain<ITransformer>(_ml.Transforms.Concatenate("Features", "A", "B").Fit(data), new ForeignTransformer());
        using var stream = new MemoryStream();
        var error = Assert.Throws<NotSupportedException>(() => _ml.Model.Save(chain, data.Schema, stream));
        Assert.Contains("MLExtensions model format", error.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void SaveFailsWhenATransformerWritesNothing()
    {
        using var stream = new MemoryStream();
        Assert.Throws<InvalidOperationException>(() => _ml.Model.Save(new SilentTransformer(), Training().Schema, stream));
    }

    [Fact]
    public void ModelSaveContextHasOnlyDisposeInPublic()
    {
        var members = typeof(ModelSaveContext).GetMembers().Where(m => m.DeclaringType == typeof(ModelSaveContext)).Select(m => m.Name);
        Assert.Equal(new[] { "Dispose" }, members);
    }
}
