using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

// usage: MLExtensions.Onnx.PlainMLNet <model.zip> <binary|multiclass|regression> <requests.json> <predictions.json>
// requests.json: {"FeatureColumn": "...", "Rows": [[...], ...]}; writes one prediction per row, read through PredictionEngine.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: MLExtensions.Onnx.PlainMLNet <model.zip> <binary|multiclass|regression> <requests.json> <predictions.json>");
    return 2;
}

var mlContext = new MLContext();
var model = mlContext.Model.Load(args[0], out var inputSchema);
var request = JsonSerializer.Deserialize<Request>(File.ReadAllText(args[2])) ?? throw new InvalidDataException("Empty request file.");
int size = request.Rows[0].Length;
var definition = SchemaDefinition.Create(typeof(FeatureRow));
definition[nameof(FeatureRow.Features)].ColumnName = request.FeatureColumn;
definition[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
var rows = request.Rows.Select(r => new FeatureRow { Features = r }).ToArray();

object[] predictions = args[1] switch
{
    "binary" => Predict<BinaryPrediction>(p => new { p.Score, p.Probability, p.PredictedLabel }),
    "multiclass" => Predict<MulticlassPrediction>(p => new { p.Score, p.PredictedLabel }),
    "regression" => Predict<RegressionPrediction>(p => new { p.Score }),
    _ => throw new ArgumentException($"Unknown task '{args[1]}'."),
};
var transformers = model is IEnumerable<ITransformer> chain ? chain.Select(t => t.GetType().FullName).ToArray() : new[] { model.GetType().FullName };
File.WriteAllText(args[3], JsonSerializer.Serialize(new { Transformers = transformers, Predictions = predictions }));
return 0;

object[] Predict<TPrediction>(Func<TPrediction, object> describe) where TPrediction : class, new()
{
    using var engine = mlContext.Model.CreatePredictionEngine<FeatureRow, TPrediction>(model, inputSchemaDefinition: definition);
    return rows.Select(r => describe(engine.Predict(r))).ToArray();
}

internal sealed class Request
{
    public string FeatureColumn { get; set; } = "Features";
    public float[][] Rows { get; set; } = Array.Empty<float[]>();
}

internal sealed class FeatureRow
{
    public float[] Features { get; set; } = Array.Empty<float>();
}

// ApplyOnnxModel gives each one-value column as a vector of size 1 (ML.NET 5.0.1 cannot read rank-0 ONNX outputs).
internal sealed class BinaryPrediction
{
    public float[] Score { get; set; } = Array.Empty<float>();
    public float[] Probability { get; set; } = Array.Empty<float>();
    public bool[] PredictedLabel { get; set; } = Array.Empty<bool>();
}

internal sealed class MulticlassPrediction
{
    public float[] Score { get; set; } = Array.Empty<float>();
    public string[] PredictedLabel { get; set; } = Array.Empty<string>();
}

internal sealed class RegressionPrediction
{
    public float[] Score { get; set; } = Array.Empty<float>();
}
