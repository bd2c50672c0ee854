using Microsoft.ML.Runtime;

namespace Microsoft.ML;

public sealed class PredictionEngine<TSrc, TDst> : PredictionEngineBase<TSrc, TDst>
    where TSrc : class
    where TDst : class, new()
{
    internal PredictionEngine(IHostEnvironment env, ITransformer transformer, bool ignoreMissingColumns,
        DataViewSchema? inputSchema = null, bool ownsTransformer = true)
        : base(env, transformer, ignoreMissingColumns, inputSchema, ownsTransformer)
    {
    }

    public override void Predict(TSrc example, ref TDst prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ExtractValues(example);
        FillValues(prediction);
    }
}
