using MLExtensions.Engine.Losses;
using MLExtensions.Onnx.Protobuf;
using MLExtensions.Trainers;

namespace MLExtensions.Onnx.Graph;

/// <summary>
/// A fitted MLP transformer as ONNX nodes producing the columns its <c>Transform</c> adds, with their ML.NET names:
/// binary <c>Score</c> (the logit), <c>Probability</c> (its sigmoid) and <c>PredictedLabel</c> (Score &gt; 0);
/// multiclass <c>Score</c> (softmax) and <c>PredictedLabel</c>; regression <c>Score</c>.
/// </summary>
internal static class MlpGraph
{
    public static IReadOnlyList<(string Name, OnnxColumn Column)> Apply(
        OnnxOps ops, MlpTransformerBase transformer, OnnxColumn features, ClassValues? classes, PredictedLabelForm labelForm)
    {
        var network = transformer.Model.Network;
        if (features.Size != network.InputSize)
            throw new InvalidOperationException(
                $"The feature column '{transformer.FeatureColumnName}' has {features.Size} values; the network reads {network.InputSize}.");
        string raw = NetworkGraph.Apply(ops, network, features.Value);
        string loss = transformer.Model.Loss.Name;
        switch (transformer)
        {
            case MlpBinaryTransformer:
                RequireLoss(loss, "binary_cross_entropy", transformer);
                return new[]
                {
                    ("Score", new OnnxColumn(ops.Identity(raw, "score"), 1, false, TensorProto.Types.DataType.Float)),
                    ("Probability", new OnnxColumn(ActivationGraph.Logistic(ops, raw), 1, false, TensorProto.Types.DataType.Float)),
                    ("PredictedLabel", new OnnxColumn(ops.Greater(raw, ops.Float(0f), "predicted_label"), 1, false, TensorProto.Types.DataType.Bool)),
                };
            case MlpMulticlassTransformer multiclass:
                RequireLoss(loss, "softmax_cross_entropy", transformer);
                string probabilities = ops.Graph.Node("Softmax", new[] { raw }, "score", OnnxAttribute.Int("axis", 1));
                return new[]
                {
                    ("Score", new OnnxColumn(probabilities, multiclass.ClassCount, true, TensorProto.Types.DataType.Float)),
                    ("PredictedLabel", PredictedLabel(ops, raw, classes, labelForm)),
                };
            case MlpRegressionTransformer regression:
                if (transformer.Model.Loss is not RegressionLoss)
                    throw UnknownLoss(loss, transformer);
                string score = raw;
                if (transformer.Model.LabelStandardization is { } standardization)
                {
                    // Trained on standardized targets: back to the label's units, as the transformer does (float, multiply then add).
                    int targets = regression.TargetCount;
                    string deviation = ops.Graph.FloatTensor("label_deviation", standardization.StandardDeviation.ToArray(), targets);
                    string mean = ops.Graph.FloatTensor("label_mean", standardization.Mean.ToArray(), targets);
                    score = ops.Add(ops.Mul(raw, deviation, "scaled_score"), mean, "score");
                }
                return new[]
                {
                    ("Score", new OnnxColumn(ops.Identity(score, "score"), regression.TargetCount, regression.VectorScore, TensorProto.Types.DataType.Float)),
                };
            default:
                throw new NotSupportedException($"{transformer.GetType().Name} is not an MLP transformer the exporter knows.");
        }
    }

    /// <summary>
    /// The first largest raw output's key, 0 when the row's first raw output is NaN: exactly the transformer's rule
    /// (a strict "greater than" scan from slot 0, which never leaves a NaN first slot).
    /// </summary>
    private static OnnxColumn PredictedLabel(OnnxOps ops, string raw, ClassValues? classes, PredictedLabelForm form)
    {
        var g = ops.Graph;
        string best = g.Node("ArgMax", new[] { raw }, "best_class",
            OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("keepdims", 1), OnnxAttribute.Int("select_last_index", 0));
        string firstRaw = g.Node("Gather", new[] { raw, g.Int64Tensor("first_slot", new long[] { 0 }, 1) }, "first_raw", OnnxAttribute.Int("axis", 1));
        string oneBased = ops.Add(best, g.Int64Tensor("one", new long[] { 1 }), "key");
        string key = ops.Where(ops.IsNaN(firstRaw), g.Int64Tensor("missing_key", new long[] { 0 }), oneBased, "key_or_missing");
        if (form == PredictedLabelForm.Key || classes is null)
            return new OnnxColumn(ops.Cast(key, TensorProto.Types.DataType.Uint32, "predicted_label"), 1, false, TensorProto.Types.DataType.Uint32);
        string table = g.Tensor("class_values", classes.LookupTable());
        string value = g.Node("Gather", new[] { table, key }, "predicted_label", OnnxAttribute.Int("axis", 0));
        return new OnnxColumn(value, 1, false, classes.OnnxType);
    }

    private static void RequireLoss(string loss, string expected, MlpTransformerBase transformer)
    {
        if (loss != expected)
            throw UnknownLoss(loss, transformer);
    }

    private static NotSupportedException UnknownLoss(string loss, MlpTransformerBase transformer) =>
        new($"The {transformer.GetType().Name}'s network was trained with the loss '{loss}', whose output transform the exporter " +
            "does not know (binary: binary_cross_entropy; multiclass: softmax_cross_entropy; regression: a regression loss).");
}
