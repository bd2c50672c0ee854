using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Transforms;

namespace MLExtensions.Tests.Saving;

public class PipelineStepsTests
{
    private sealed class Row
    {
        public float A { get; set; }
    }

    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void NestedChainsOpenIntoTheirStepsInTheOrderTheyRun()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Row { A = 1 } });
        var first = _ml.Transforms.CopyColumns("B", "A").Fit(data);
        var second = _ml.Transforms.CopyColumns("C", "A").Fit(data);
        var third = _ml.Transforms.CopyColumns("D", "A").Fit(data);
        var nested = new TransformerChain<ITransformer>(first, new TransformerChain<ITransformer>(second, new TransformerChain<ITransformer>(third)));

        Assert.Equal(new ITransformer[] { first, second, third }, PipelineSteps.Flatten(nested));
        Assert.Equal(new ITransformer[] { first }, PipelineSteps.Flatten(first));
        Assert.Empty(PipelineSteps.Flatten(new TransformerChain<ITransformer>()));
        Assert.Throws<ArgumentNullException>(() => PipelineSteps.Flatten(null!));
    }
}
