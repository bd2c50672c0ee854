using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Trainers;

/// <summary>Scores regression: <c>Score</c>, a float, or a known-size float vector for several targets.</summary>
public sealed class MlpRegressionTransformer : MlpTransformerBase
{
    private readonly DataViewSchema.DetachedColumn[] _columns;

    /// <param name="model">The trained network and what training recorded.</param>
    /// <param name="featureColumnName">The feature column the network reads.</param>
    /// <param name="vectorScore">Score is a vector even for one target, because the label was a (one-slot) vector:
    /// the estimator's output shape follows the label's kind, which is all a SchemaShape knows of it.</param>
    internal MlpRegressionTransformer(MlpModelParameters model, string featureColumnName, bool vectorScore = false)
        : base(model, featureColumnName)
    {
        int targets = model.Network.OutputSize;
        VectorScore = vectorScore || targets > 1;
        _columns = new[]
        {
            new DataViewSchema.DetachedColumn("Score",
                VectorScore ? new VectorDataViewType(NumberDataViewType.Single, targets) : NumberDataViewType.Single),
        };
    }

    /// <summary>Number of predicted values per row.</summary>
    public int TargetCount => Model.Network.OutputSize;

    /// <summary>Whether Score is a vector (the label was a vector) rather than a single float.</summary>
    public bool VectorScore { get; }

    private protected override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _columns;

    private protected override Delegate MakeGetter(int output, Func<ScoredRow> score)
    {
        if (!VectorScore)
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
