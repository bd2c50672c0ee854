using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MLNetShim.Tests;

public class PipelineTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Training()
        => _ml.Data.LoadFromEnumerable(new[]
        {
            new LabelRow { Label = "cat", A = 1, B = 2 },
            new LabelRow { Label = "dog", A = 3, B = 4 },
        });

    private EstimatorChain<ITransformer> Pipeline()
        => _ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
            .Append(_ml.Transforms.Concatenate("Features", "A", "B"))
            .Append<ITransformer>(_ml.Transforms.Conversion.MapKeyToValue("LabelBack", "LabelKey"));

    [Fact]
    public void EstimatorChainFitsIntoATransformerChain()
    {
        var model = Pipeline().Fit(Training());
        Assert.Equal(3, model.Count());
        Assert.IsType<Microsoft.ML.Transforms.KeyToValueMappingTransformer>(model.LastTransformer);
        Assert.True(((ITransformer)model).IsRowToRowMapper);

        var output = model.Transform(Training());
        Assert.Equal(new[] { "Label", "A", "B", "LabelKey", "Features", "LabelBack" }, output.Schema.Select(c => c.Name));
        Assert.Equal(output.Schema.Select(c => c.Name), model.GetOutputSchema(Training().Schema).Select(c => c.Name));
    }

    [Fact]
    public void ChainsAreImmutableAndScopesFilter()
    {
        var first = new EstimatorChain<ITransformer>();
        var second = first.Append(_ml.Transforms.Concatenate("Features", "A", "B"));
        Assert.Null(first.LastEstimator);
        Assert.NotNull(second.LastEstimator);

        var concat = _ml.Transforms.Concatenate("Features", "A", "B").Fit(Training());
        var keys = _ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label").Fit(Training());
        var chain = new TransformerChain<ITransformer>(concat).Append(keys, TransformerScope.Training);
        Assert.Equal(2, chain.Count());
        Assert.Single(chain.GetModelFor(TransformerScope.Scoring));
        Assert.Null(chain.Transform(Training(), TransformerScope.Scoring).Schema.GetColumnOrNull("LabelKey"));
        Assert.NotNull(chain.Transform(Training()).Schema.GetColumnOrNull("LabelKey"));

        var appended = concat.Append(keys);
        Assert.Same(keys, appended.LastTransformer);
    }

    [Fact]
    public void FitValidatesTheWholeChainFirst()
    {
        var bad = _ml.Transforms.Concatenate("Features", "A", "B").Append(_ml.Transforms.Conversion.MapKeyToValue("X", "Features"));
        Assert.ThrowsAny<ArgumentException>(() => bad.Fit(Training()));
    }

    [Fact]
    public void PredictionEngineRunsTheChainOnSingleObjects()
    {
        var model = Pipeline().Fit(Training());
        using var engine = _ml.Model.CreatePredictionEngine<LabelRow, FeaturesOut>(model);
        var prediction = engine.Predict(new LabelRow { Label = "dog", A = 7, B = 8 });
        Assert.Equal(new[] { 7f, 8f }, prediction.Features);
        Assert.Equal("dog", prediction.Label);

        var reused = new FeaturesOut();
        engine.Predict(new LabelRow { Label = "cat", A = 1, B = 0 }, ref reused);
        Assert.Equal(new[] { 1f, 0f }, reused.Features);
        Assert.Contains(engine.OutputSchema, c => c.Name == "LabelBack");

        using var keyEngine = _ml.Model.CreatePredictionEngine<LabelRow, KeyOut>(model);
        Assert.Equal(2u, keyEngine.Predict(new LabelRow { Label = "dog" }).LabelKey);
        Assert.Equal(0u, keyEngine.Predict(new LabelRow { Label = "bird" }).LabelKey);
    }

    [Fact]
    public void LogReceivesChannelMessagesAndHostsAreSeeded()
    {
        var messages = new List<LoggingEventArgs>();
        _ml.Log += (_, e) => messages.Add(e);
        IHostEnvironment env = _ml;
        using (var ch = env.Start("Trainer"))
        {
            ch.Info(MessageSensitivity.None, "epoch {0}", 3);
            ch.Warning(MessageSensitivity.None, "careful");
        }
        Assert.Equal(2, messages.Count);
        Assert.Equal(ChannelMessageKind.Info, messages[0].Kind);
        Assert.Equal("epoch 3", messages[0].RawMessage);
        Assert.Equal("Trainer", messages[0].Source);
        Assert.Contains("careful", messages[1].Message);

        int a = env.Register("x", seed: 5).Rand.Next();
        int b = ((IHostEnvironment)new MLContext(seed: 9)).Register("x", seed: 5).Rand.Next();
        Assert.Equal(a, b);
        int c1 = ((IHostEnvironment)new MLContext(seed: 9)).Register("y").Rand.Next();
        int c2 = ((IHostEnvironment)new MLContext(seed: 9)).Register("y").Rand.Next();
        Assert.Equal(c1, c2);
    }
}
