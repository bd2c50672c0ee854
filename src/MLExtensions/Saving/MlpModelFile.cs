using Microsoft.ML;
using MLExtensions.Engine.Serialization;
using MLExtensions.Trainers;

namespace MLExtensions.Saving;

/// <summary>The payload of a saved MLP transformer: its task, feature column, label key values, label standardization,
/// network, loss and history.</summary>
internal static class MlpModelFile
{
    public const string Kind = "mlp-transformer";

    private const string VectorRegressionTask = "regression-vector";

    public static void Write(MlpTransformerBase transformer, BinaryWriter writer)
    {
        string task = transformer switch
        {
            MlpBinaryTransformer => "binary",
            MlpMulticlassTransformer => "multiclass",
            // A one-target vector label keeps a vector Score; its own task name leaves other files' layout unchanged.
            MlpRegressionTransformer { VectorScore: true, TargetCount: 1 } => VectorRegressionTask,
            MlpRegressionTransformer => "regression",
            _ => throw new NotSupportedException(transformer.GetType().Name),
        };
        writer.Write(task);
        writer.Write(transformer.FeatureColumnName);
        var keyValues = (transformer as MlpMulticlassTransformer)?.KeyValues;
        writer.Write(keyValues is not null);
        if (keyValues is not null)
        {
            writer.Write(keyValues.RawTypeName);
            writer.Write(keyValues.Values.Count);
            foreach (var value in keyValues.Values)
                writer.Write(value);
        }
        var model = transformer.Model;
        writer.Write(model.SkippedRows);
        var standardization = model.LabelStandardization;
        writer.Write(standardization is null ? 0 : standardization.Mean.Count);
        if (standardization is not null)
        {
            foreach (float mean in standardization.Mean)
                writer.Write(mean);
            foreach (float deviation in standardization.StandardDeviation)
                writer.Write(deviation);
        }
        NetworkSerializer.WriteNetwork(writer, model.Network);
        NetworkSerializer.WriteLoss(writer, model.Loss);
        NetworkSerializer.WriteHistory(writer, model.History);
    }

    public static ITransformer Read(BinaryReader reader)
    {
        string task = reader.ReadString();
        string featureColumn = reader.ReadString();
        LabelKeyValues? keyValues = null;
        if (reader.ReadBoolean())
        {
            string rawType = reader.ReadString();
            int count = reader.ReadInt32();
            if (count < 0)
                throw new InvalidDataException("The saved label key values have a negative count: the file is corrupt.");
            var values = new string[count];
            for (int i = 0; i < count; i++)
                values[i] = reader.ReadString();
            keyValues = LabelKeyValues.Restore(rawType, values);
        }
        long skipped = reader.ReadInt64();
        int standardizedTargets = reader.ReadInt32();
        LabelStandardization? standardization = null;
        if (standardizedTargets != 0)
        {
            if (standardizedTargets < 0 || standardizedTargets > 1 << 20)
                throw new InvalidDataException($"The saved label standardization claims {standardizedTargets} targets: the file is corrupt.");
            var mean = new float[standardizedTargets];
            var deviation = new float[standardizedTargets];
            for (int i = 0; i < mean.Length; i++)
                mean[i] = reader.ReadSingle();
            for (int i = 0; i < deviation.Length; i++)
                deviation[i] = reader.ReadSingle();
            standardization = new LabelStandardization(mean, deviation);
        }
        var network = NetworkSerializer.ReadNetwork(reader);
        var loss = NetworkSerializer.ReadLoss(reader);
        var history = NetworkSerializer.ReadHistory(reader);
        IReadOnlyList<string>? classNames = task == "binary" ? new[] { "false", "true" } : keyValues?.Values;
        if (standardization is not null && standardization.Mean.Count != network.OutputSize)
            throw new InvalidDataException(
                $"The saved label standardization has {standardization.Mean.Count} targets; the network has {network.OutputSize} outputs: the file is corrupt.");
        var model = new MlpModelParameters(network, loss, history, classNames, skipped, standardization);
        return task switch
        {
            "binary" => new MlpBinaryTransformer(model, featureColumn),
            "multiclass" => new MlpMulticlassTransformer(model, featureColumn, keyValues),
            "regression" => new MlpRegressionTransformer(model, featureColumn),
            VectorRegressionTask => new MlpRegressionTransformer(model, featureColumn, vectorScore: true),
            _ => throw new InvalidDataException($"The saved MLP transformer has an unknown task '{task}'."),
        };
    }
}
