using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using MLExtensions.Engine.Kernels;
using MLExtensions.Engine.Parallelism;

namespace MLExtensions.Benchmarks;

/// <summary>
/// The products a 784-300-100-10 MLP spends its time in, reported in GFLOP/s so they compare directly
/// with BLAS figures: forward X·W (batch 32, 128, 1024), the weight gradient Xᵀ·δ (TN) and the input
/// gradient δ·Wᵀ (NT), with W stored inputs×outputs as DenseLayer does.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GflopsConfig))]
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [], _bias = [];
    private WorkerPool? _pool;
    private GemmShape _shape;

    public static IEnumerable<string> Shapes =>
    [
        // "op MxNxK", short enough that BenchmarkDotNet does not truncate it.
        "NN 32x300x784",
        "NN 128x300x784",
        "NN 1024x300x784",
        "TN 784x300x32",
        "TN 784x300x128",
        "NT 128x784x300",
    ];

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _shape = GemmShape.Parse(Shape);
        var random = new Random(42);
        _a = Fill(random, _shape.M * _shape.K);
        _b = Fill(random, _shape.K * _shape.N);
        _c = new float[_shape.M * _shape.N];
        _bias = Fill(random, _shape.N);
        _pool = Threads > 1 ? new WorkerPool(Threads) : null;
    }

    [GlobalCleanup]
    public void Cleanup() => _pool?.Dispose();

    [Benchmark]
    public void Multiply()
    {
        GemmShape s = _shape;
        int lda = s.TransposeA == Transpose.None ? s.K : s.M;
        int ldb = s.TransposeB == Transpose.None ? s.N : s.K;
        if (s.TransposeA == Transpose.None && s.TransposeB == Transpose.None)
        {
            // The forward pass fuses the bias, as DenseLayer does.
            Gemm.Multiply(s.TransposeA, s.TransposeB, s.M, s.N, s.K, 1f, _a, lda, _b, ldb, 0f, _c, s.N, _bias, _pool);
        }
        else
        {
            Gemm.Multiply(s.TransposeA, s.TransposeB, s.M, s.N, s.K, 1f, _a, lda, _b, ldb, 0f, _c, s.N, _pool);
        }
    }

    /// <summary>Random values in [-1, 1): what a product is timed on (the training phase breakdown uses it too).</summary>
    internal static float[] Fill(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return values;
    }

    private sealed class GflopsConfig : ManualConfig
    {
        public GflopsConfig() => AddColumn(new GflopsColumn(best: false), new GflopsColumn(best: true));
    }
}

/// <summary>A benchmark shape written as "TN MxNxK": op(A) is M×K, op(B) is K×N.</summary>
internal readonly record struct GemmShape(Transpose TransposeA, Transpose TransposeB, int M, int N, int K)
{
    public double Flops => 2.0 * M * N * K;

    public static GemmShape Parse(string text)
    {
        string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string transposes = words[^2];
        int[] dims = words[^1].Split('x').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        static Transpose Flag(char c) => c == 'T' ? Transpose.Transposed : Transpose.None;
        return new GemmShape(Flag(transposes[0]), Flag(transposes[1]), dims[0], dims[1], dims[2]);
    }
}

/// <summary>
/// 2·M·N·K divided by the mean time, or by the fastest iteration's: BLAS benchmarks usually report the best of
/// their runs, so on a noisy machine "best" is the figure to set beside them.
/// </summary>
internal sealed class GflopsColumn : IColumn
{
    private readonly bool _best;

    public GflopsColumn(bool best) => _best = best;

    public string Id => nameof(GflopsColumn) + (_best ? "Best" : "Mean");
    public string ColumnName => _best ? "best GFLOP/s" : "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => _best ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => _best
        ? "2·M·N·K / fastest iteration's time, in 10^9 floating-point operations per second"
        : "2·M·N·K / mean time, in 10^9 floating-point operations per second";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Shape"] is not string shape || summary[benchmarkCase]?.ResultStatistics is not { } stats)
        {
            return "-";
        }
        double nanoseconds = _best ? stats.Min : stats.Mean;
        double gflops = GemmShape.Parse(shape).Flops / nanoseconds; // FLOP per ns = GFLOP/s
        return gflops.ToString("F1", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
