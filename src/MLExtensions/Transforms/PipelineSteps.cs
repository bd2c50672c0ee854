using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Transforms;

/// <summary>
/// The steps of a fitted pipeline, one transformer each: how <c>SavePipeline</c> and the ONNX exporter walk a model.
/// </summary>
internal static class PipelineSteps
{
    /// <summary>
    /// The transformers of <paramref name="model"/> in the order they run, with nested chains (any transformer that
    /// enumerates transformers, as <see cref="TransformerChain{TLastTransformer}"/> does) opened at every depth; a
    /// transformer that is not a chain is its own only step.
    /// </summary>
    public static IEnumerable<ITransformer> Flatten(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Steps(model);
    }

    private static IEnumerable<ITransformer> Steps(ITransformer transformer)
    {
        if (transformer is not IEnumerable<ITransformer> chain)
        {
            yield return transformer;
            yield break;
        }
        foreach (var inner in chain)
            foreach (var step in Steps(inner))
                yield return step;
    }
}
