using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLExtensions.Onnx;
using MLExtensions.Trainers;

namespace MLExtensions.Benchmarks;

/// <summary>
/// Scoring the reference network (784-300-100-10, ReLU, softmax): one row through ML.NET's <c>PredictionEngine</c>
/// against one row through ONNX Runtime, and 4,096 rows through <c>Transform</c> and a cursor (or ML.NET's parallel set of
/// cursors, one per thread) against ONNX Runtime in batches of 1,024 and inside ML.NET (<c>ApplyOnnxModel</c>, read through
/// the same cursor) — the same weights (exported by MLExtensions.Onnx), on <see cref="Threads"/> threads for both (a
/// single row is always scored on one).
/// </summary>
[MemoryDiagnoser]
public class PredictionBenchmarks
{
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    private const int Inputs = 784, Classes = 10, Rows = 4096, OnnxBatch = 1024;

    private PredictionEngine<Row, Output> _engine = null!;
    private Row _row = null!;
    private Output _output = new();
    private IDataView _scored = null!;
    private IDataView _mapped = null!;
    private IDataView _onnxInMLNet = null!;
    private InferenceSession _session = null!;
    private List<NamedOnnxValue> _oneRowInput = null!;
    private List<NamedOnnxValue> _batchInput = null!;

    public sealed class Row
    {
        [VectorType(Inputs)] public float[] Features { get; set; } = new float[Inputs];
        public uint Label { get; set; }
    }

    public sealed class Output
    {
        public float[] Score { get; set; } = new float[Classes];
    }

    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(42);
        var rows = Enumerable.Range(0, Rows).Select(i => new Row
        {
            Features = Enumerable.Range(0, Inputs).Select(_ => (float)random.NextDouble()).ToArray(),
            Label = (uint)(i % Classes),
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var model = ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options
        {
            HiddenLayerSizes = new[] { 300, 100 },
            NumberOfEpochs = 1,
            NumberOfThreads = Threads,
        }).Fit(ml.Data.TakeRows(keyed, 256));

        _engine = ml.Model.CreatePredictionEngine<Row, Output>(model);
        _row = rows[0];
        // Cached, as a scoring job reads its data: the cursor then measures scoring, not the enumerable's conversions.
        var cached = ml.Data.Cache(keyed);
        using (var warm = cached.GetRowCursor(cached.Schema))
            while (warm.MoveNext()) { }
        _scored = model.Transform(cached);
        _mapped = ml.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel").Fit(_scored).Transform(_scored);
        _onnxInMLNet = ml.Model.ConvertToMLNetModel(model, keyed.Schema).Transform(cached);

        string path = Path.Combine(Path.GetTempPath(), $"mlextensions-prediction-benchmark-{Environment.ProcessId}.onnx");
        ml.Model.ExportToOnnx(model, keyed.Schema, path);
        var options = new SessionOptions { IntraOpNumThreads = Threads, InterOpNumThreads = 1 };
        _session = new InferenceSession(path, options);
        _oneRowInput = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("Features", new DenseTensor<float>(_row.Features, new[] { 1, Inputs })) };
        var batch = new float[OnnxBatch * Inputs];
        for (int i = 0; i < OnnxBatch; i++)
            rows[i].Features.CopyTo(batch, i * Inputs);
        _batchInput = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("Features", new DenseTensor<float>(batch, new[] { OnnxBatch, Inputs })) };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _engine.Dispose();
    }

    [Benchmark]
    public float MLExtensionsPredictOneRow()
    {
        _engine.Predict(_row, ref _output);
        return _output.Score[0];
    }

    [Benchmark]
    public float OnnxRuntimeOneRow()
    {
        using var results = _session.Run(_oneRowInput);
        return results.First().AsTensor<float>().GetValue(0);
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public float MLExtensionsTransformCursor() => SumFirstScores(_scored);

    /// <summary>ML.NET's parallel cursors: a set of <see cref="Threads"/> cursors, each read on a thread of its own.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public float MLExtensionsTransformCursorSet()
    {
        var score = _scored.Schema["Score"];
        var set = _scored.GetRowCursorSet(new[] { score }, Threads);
        var sums = new float[set.Length];
        Parallel.For(0, set.Length, new ParallelOptions { MaxDegreeOfParallelism = set.Length }, i =>
        {
            using var cursor = set[i];
            sums[i] = SumFirstScores(cursor, score);
        });
        return sums.Sum();
    }

    /// <summary>The end of a multiclass pipeline: ML.NET's <c>MapKeyToValue</c> after ours, which reads our scores through
    /// ML.NET's own parallel cursors (as many as it chooses, whatever <see cref="Threads"/> says) and puts the rows back in
    /// order for the one cursor read here.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public float MLExtensionsThenMapKeyToValue()
    {
        var score = _mapped.Schema["Score"];
        var predicted = _mapped.Schema["PredictedClass"];
        using var cursor = _mapped.GetRowCursor(new[] { score, predicted });
        var getScore = cursor.GetGetter<VBuffer<float>>(score);
        var getPredicted = cursor.GetGetter<uint>(predicted);
        var value = default(VBuffer<float>);
        uint label = 0;
        float sum = 0;
        while (cursor.MoveNext())
        {
            getScore(ref value);
            getPredicted(ref label);
            sum += value.GetValues()[0] + label;
        }
        return sum;
    }

    /// <summary>The same network inside ML.NET through ONNX Runtime: the model converted to ML.NET's own <c>ApplyOnnxModel</c>
    /// (<c>ConvertToMLNetModel</c>, ONNX Runtime's own thread count), read through the same cursor.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public float OnnxRuntimeInsideMLNetCursor() => SumFirstScores(_onnxInMLNet);

    /// <summary>Reads every row's <c>Score</c> through one ordered cursor of <paramref name="scored"/>.</summary>
    private static float SumFirstScores(IDataView scored)
    {
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor(new[] { score });
        return SumFirstScores(cursor, score);
    }

    /// <summary>Reads <paramref name="score"/> at every row of <paramref name="cursor"/>; the sum keeps the reads alive.</summary>
    private static float SumFirstScores(DataViewRowCursor cursor, DataViewSchema.Column score)
    {
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        var value = default(VBuffer<float>);
        float sum = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            sum += value.GetValues()[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public float OnnxRuntimeBatches()
    {
        float sum = 0;
        for (int i = 0; i < Rows / OnnxBatch; i++)
        {
            using var results = _session.Run(_batchInput);
            sum += results.First().AsTensor<float>().GetValue(0);
        }
        return sum;
    }
}
