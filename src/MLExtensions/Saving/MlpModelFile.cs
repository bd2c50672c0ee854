using Microsoft.ML;
using MLExtensions.Engine.Serialization;
using MLExtensions.Trainers;

namespace MLExtensions.Saving;

/// <summary>The payload of a saved MLP transformer: its task, feature column, label key values, label standardization,
/// network, loss, history and the history's notes (only when there are any).</summary>
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
        NetworkSerializer.WriteNotes(writer, model.History);
    }

    public static ITransformer Read(BinaryReader reader)
    {
        string task = reader.ReadString();
        string featureColumn = reader.ReadString();
        LabelKeyValues? keyValues = null;
        if (reader.ReadBoolean())
        {
            string rawType = reader.ReadString();
            // Each value is a string of at least its length byte.
            int count = reader.ReadCount("label key values", bytesEach: 1, minimum: 2);
            var values = new string[count];
            for (int i = 0; i < count; i++)
                values[i] = reader.ReadString();
            keyValues = LabelKeyValues.Restore(rawType, values);
        }
        long skipped = reader.ReadInt64();
        if (skipped < 0)
            throw new InvalidDataException($"The saved count of skipped rows is {skipped}: the file is corrupt.");
        int standardizedTargets = reader.ReadCount("standardized targets", bytesEach: 2 * sizeof(float));
        LabelStandardization? standardization = null;
        if (standardizedTargets != 0)
        {
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
        NetworkSerializer.ReadNotes(reader, history);
        IReadOnlyList<string>? classNames = task == "binary" ? new[] { "false", "true" } : keyValues?.Values;
        if (standardization is not null && standardization.Mean.Count != network.OutputSize)
            throw new InvalidDataException(
                $"The saved label standardization has {standardization.Mean.Count} targets; the network has {network.OutputSize} outputs: the file is corrupt.");
        CheckTask(task, network.OutputSize, keyValues, standardization);
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

    /// <summary>What each task's network and label data must be, so a file that passes its digest but pairs them wrongly
    /// is refused on load rather than scoring nonsense.</summary>
    private static void CheckTask(string task, int outputs, LabelKeyValues? keyValues, LabelStandardization? standardization)
    {
        string? problem = task switch
        {
            "binary" when outputs != 1 => $"a binary model has one output, not {outputs}",
            "binary" when keyValues is not null => "a binary model has no label key values",
            "multiclass" when outputs < 2 => $"a multiclass model has at least two outputs, not {outputs}",
            "multiclass" when keyValues is not null && keyValues.Values.Count != outputs =>
                $"the model has {outputs} outputs but {keyValues.Values.Count} class names",
            VectorRegressionTask when outputs != 1 => $"a one-target vector regression model has one output, not {outputs}",
            "regression" or VectorRegressionTask when keyValues is not null => "a regression model has no label key values",
            "binary" or "multiclass" when standardization is not null => "a classifier has no label standardization",
            _ => null,
        };
        if (problem is not null)
            throw new InvalidDataException($"The saved MLP transformer ({task}) is inconsistent: {problem}. The file is corrupt.");
        if (keyValues is not null)
        {
            // Restored key values are text; building their annotation parses each as the item type, so a bad one is refused
            // here rather than when the output schema is first asked for.
            try
            {
                keyValues.KeyValuesAnnotations();
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is FormatException or OverflowException or InvalidCastException)
            {
                throw new InvalidDataException($"A saved label key value is not a {keyValues.ItemType}: {e.InnerException.Message} The file is corrupt.", e.InnerException);
            }
        }
    }
}
