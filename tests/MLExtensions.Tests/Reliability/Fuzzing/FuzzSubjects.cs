using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Saving;
using MLExtensions.Trainers;
using MLExtensions.Transforms;

namespace MLExtensions.Tests.Reliability.Fuzzing;

/// <summary>
/// The two files the fuzz runs damage, trained once: a single MLP transformer file, and a pipeline file mixing ML.NET's
/// transformers (Concatenate, ML.NET's normalizer behind Standardize, MapValueToKey, MapKeyToValue) with two of ours (the
/// MLP and an inverse scaling), so both our readers and ML.NET's segments are hit. Each comes with its loader and the
/// scores a loaded model gives on fixed probe rows.
/// </summary>
public sealed class FuzzSubjects
{
    private static readonly string[] Classes = { "north", "south", "east" };

    private readonly MLContext _mlContext = new(seed: 7);
    private readonly IDataView _probe;

    public FuzzSubjects()
    {
        var train = _mlContext.Data.LoadFromEnumerable(Points(240, seed: 1));
        _probe = _mlContext.Data.LoadFromEnumerable(Points(40, seed: 2));

        var standardize = _mlContext.Transforms.Concatenate("Features", "X", "Y")
            .Append(_mlContext.Transforms.Standardize("Features"))
            .Append(_mlContext.Transforms.Conversion.MapValueToKey("Label"))
            .Fit(train);
        var prepared = standardize.Transform(train);
        var mlp = _mlContext.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = new[] { 8 },
            NumberOfEpochs = 5,
            BatchSize = 16,
            EarlyStopping = false,
            ValidationFraction = 0,
            Seed = 1,
            NumberOfThreads = 1,
        }).Fit(prepared);
        var scaler = standardize.OfType<StandardizingTransformer>().Single();
        var inverse = scaler.GetInverse("Features", "FeaturesBack", "Features");
        var keyToValue = _mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(mlp.Transform(prepared));
        var pipeline = new TransformerChain<ITransformer>(standardize, mlp, inverse, keyToValue);

        using (var file = new MemoryStream())
        {
            mlp.Save(file);
            TransformerFile = file.ToArray();
        }
        using (var file = new MemoryStream())
        {
            _mlContext.Model.SavePipeline(pipeline, train.Schema, file);
            PipelineFile = file.ToArray();
        }
        _preparedProbe = standardize.Transform(_probe);
    }

    private readonly IDataView _preparedProbe;

    public byte[] TransformerFile { get; }
    public byte[] PipelineFile { get; }

    public LoadFuzzer TransformerFuzzer() => new(TransformerFile, stream => MLExtensions.Saving.TransformerFile.Load(stream),
        model => Outputs(((ITransformer)model).Transform(_preparedProbe), "Score"));

    public LoadFuzzer PipelineFuzzer() => new(PipelineFile, stream => _mlContext.Model.LoadPipeline(stream, out _),
        model => Outputs(((ITransformer)model).Transform(_probe), "Score", "PredictedLabel", "Features", "FeaturesBack"));

    /// <summary>The named columns of every row as exact text (floats in round-trip form), one string per row.</summary>
    private static IReadOnlyList<string> Outputs(IDataView scored, params string[] columns)
    {
        var selected = columns.Select(c => scored.Schema[c]).ToArray();
        using var cursor = scored.GetRowCursor(selected);
        var readers = selected.Select(c => TextReader(cursor, c)).ToArray();
        var rows = new List<string>();
        while (cursor.MoveNext())
            rows.Add(string.Join(" | ", readers.Select(read => read())));
        return rows;
    }

    private static Func<string> TextReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var buffer = default(VBuffer<float>);
            return () =>
            {
                getter(ref buffer);
                return string.Join(",", buffer.DenseValues().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            };
        }
        if (column.Type is TextDataViewType)
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            var text = default(ReadOnlyMemory<char>);
            return () =>
            {
                getter(ref text);
                return text.ToString();
            };
        }
        var single = cursor.GetGetter<float>(column);
        float value = 0;
        return () =>
        {
            single(ref value);
            return value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        };
    }

    private static IEnumerable<Point> Points(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int c = i % Classes.Length;
            double angle = 2 * Math.PI * c / Classes.Length;
            yield return new Point
            {
                X = (float)(3 * Math.Cos(angle) + random.NextDouble() - 0.5),
                Y = (float)(3 * Math.Sin(angle) + random.NextDouble() - 0.5),
                Label = Classes[c],
            };
        }
    }

    private sealed class Point
    {
        public float X;
        public float Y;
        public string Label = "";
    }
}
