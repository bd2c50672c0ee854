using Microsoft.ML;

namespace MLExtensions.Transforms;

/// <summary>
/// Replaces each value by its distance from the training mean in training standard deviations, per slot:
/// (x − mean) / deviation. NaN stays NaN; a slot with zero deviation gives 0. Runs and saves as ML.NET's
/// mean-variance normalizer (<see cref="ScalingTransformerBase.MLNetTransformer"/>).
/// </summary>
public sealed class StandardizingTransformer : ScalingTransformerBase<StandardizedColumn>
{
    internal StandardizingTransformer(ITransformer mlnetTransformer, IReadOnlyList<StandardizedColumn> columns)
        : base(mlnetTransformer, columns, "standardization")
    {
    }
}
