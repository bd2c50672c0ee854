using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Trainers;

/// <summary>
/// Scores multiclass classification as ML.NET's own trainers do: <c>Score</c>, the vector of class
/// probabilities (slot i belongs to key i + 1, named by <c>SlotNames</c> when the label had key values), and
/// <c>PredictedLabel</c>, the most probable class as the label's key type carrying its <c>KeyValues</c>, so
/// <c>MapKeyToValue("PredictedLabel")</c> gives back the original label values.
/// </summary>
public sealed class MlpMulticlassTransformer : MlpTransformerBase
{
    private readonly DataViewSchema.DetachedColumn[] _columns;

    internal MlpMulticlassTransformer(MlpModelParameters model, string featureColumnName, LabelKeyValues? keyValues)
        : base(model, featureColumnName)
    {
        KeyValues = keyValues;
        int classes = model.Network.OutputSize;
        _columns = new[]
        {
            new DataViewSchema.DetachedColumn("Score", new VectorDataViewType(NumberDataViewType.Single, classes), keyValues?.SlotNamesAnnotations()),
            new DataViewSchema.DetachedColumn("PredictedLabel", new KeyDataViewType(typeof(uint), classes), keyValues?.KeyValuesAnnotations()),
        };
    }

    internal LabelKeyValues? KeyValues { get; }

    /// <summary>The number of classes: the length of <c>Score</c> and the key count of <c>PredictedLabel</c>.</summary>
    public int ClassCount => Model.Network.OutputSize;

    private protected override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _columns;

    private protected override Delegate MakeGetter(int output, Func<ScoredRow> score)
    {
        int classes = ClassCount;
        if (output == 0)
        {
            return (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, classes);
                score().Transformed.AsSpan().CopyTo(editor.Values);
                value = editor.Commit();
            });
        }
        return (ValueGetter<uint>)((ref uint value) =>
        {
            var raw = score().Raw;
            int best = 0;
            for (int c = 1; c < raw.Length; c++)
                if (raw[c] > raw[best])
                    best = c;
            // A row with NaN features has no prediction: key 0 is ML.NET's missing value.
            value = float.IsNaN(raw[best]) ? 0u : (uint)(best + 1);
        });
    }
}
