using Microsoft.ML;

namespace MLExtensions.Transforms;

/// <summary>
/// Maps each slot's training range [minimum, maximum] linearly onto [<c>TargetMin</c>, <c>TargetMax</c>].
/// Values outside the training range map outside the target range unless the columns clip. NaN stays NaN;
/// a constant slot gives <c>TargetMin</c>. Runs and saves as ML.NET's min-max normalizer, followed by an ML.NET
/// Expression transform for another target range or clipping (<see cref="ScalingTransformerBase.MLNetTransformer"/>).
/// </summary>
public sealed class MinMaxScalingTransformer : ScalingTransformerBase<MinMaxScaledColumn>
{
    internal MinMaxScalingTransformer(ITransformer mlnetTransformer, IReadOnlyList<MinMaxScaledColumn> columns)
        : base(mlnetTransformer, columns, "min-max scaling")
    {
    }
}
