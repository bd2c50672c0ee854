using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Trainers;

/// <summary>
/// Scores binary classification as ML.NET's own trainers do: <c>Score</c> (the raw logit, positive means
/// true), <c>Probability</c> (its sigmoid) and <c>PredictedLabel</c> (Score &gt; 0).
/// </summary>
public sealed class MlpBinaryTransformer : MlpTransformerBase
{
    private static readonly DataViewSchema.DetachedColumn[] Columns =
    {
        new("Score", NumberDataViewType.Single),
        new("Probability", NumberDataViewType.Single),
        new("PredictedLabel", BooleanDataViewType.Instance),
    };

    internal MlpBinaryTransformer(MlpModelParameters model, string featureColumnName)
        : base(model, featureColumnName)
    {
    }

    private protected override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => Columns;

    private protected override Delegate MakeGetter(int output, Func<ScoredRow> score) => output switch
    {
        0 => (ValueGetter<float>)((ref float value) => value = score().Raw[0]),
        1 => (ValueGetter<float>)((ref float value) => value = score().Transformed[0]),
        _ => (ValueGetter<bool>)((ref bool value) => value = score().Raw[0] > 0f),
    };
}
