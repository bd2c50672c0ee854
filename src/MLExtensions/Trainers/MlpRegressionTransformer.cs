using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Trainers;

/// <summary>Scores regression: <c>Score</c>, a float, or a known-size float vector for several targets.</summary>
public sealed class MlpRegressionTransformer : MlpTransformerBase
{
    private readonly DataViewSchema.DetachedColumn[] _columns;

    internal MlpRegressionTransformer(MlpModel model, string featureColumnName)
        : base(model, featureColumnName)
    {
        int targets = model.Network.OutputSize;
        _columns = new[]
        {
            new DataViewSchema.DetachedColumn("Score",
                targets == 1 ? NumberDataViewType.Single : new VectorDataViewType(NumberDataViewType.Single, targets)),
        };
    }

    /// <summary>Number of predicted values per row.</summary>
    public int TargetCount => Model.Network.OutputSize;

    private protected override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _columns;

    private protected override Delegate MakeGetter(int output, Func<ScoredRow> score)
    {
        if (TargetCount == 1)
            return (ValueGetter<float>)((ref float value) => value = score().Transformed[0]);
        int targets = TargetCount;
        return (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, targets);
            score().Transformed.AsSpan().CopyTo(editor.Values);
            value = editor.Commit();
        });
    }
}
