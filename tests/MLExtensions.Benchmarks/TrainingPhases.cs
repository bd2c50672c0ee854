using System.Diagnostics;
using System.Globalization;
using MLExtensions.Engine.Kernels;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;

namespace MLExtensions.Benchmarks;

/// <summary>
/// Where an epoch of <see cref="TrainingBenchmarks"/> goes, phase by phase (<see cref="StepPhaseTimes"/>), beside its
/// GEMM-bound time: the same epoch's matrix products alone (three forward NN products with bias, three weight-gradient
/// TN products, two input-gradient NT products per step), run back to back with nothing between them. The ratio of the
/// two is how close training is to the hardware's limit. Run with <c>./build.sh bench -- --phases [epochs]</c>; the
/// figures are medians over the epochs (default 5), after one warm-up epoch.
/// </summary>
public static class TrainingPhases
{
    private const int Rows = ReferenceTraining.Rows;
    private static readonly int[] Widths = ReferenceTraining.Widths;

    public static int Run(string[] args)
    {
        int epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var data = ReferenceTraining.RandomRows(new RandomSource(42));
        Console.WriteLine($"{Environment.ProcessorCount} processors, GEMM kernel {Gemm.BestInstructionSet}; medians of {epochs} epochs of {Rows:N0} rows");
        foreach (var (name, batch) in new[] { ("sgd-b32", 32), ("adam-b128", 128) })
            foreach (int threads in new[] { 1, 2 })
                Report(name, batch, threads, epochs, data);
        return 0;
    }

    private static void Report(string name, int batch, int threads, int epochs, TrainingData data)
    {
        var network = ReferenceTraining.Network(new RandomSource(42));
        Optimizer optimizer = name == "sgd-b32" ? new Sgd(0.01f) : new Adam(1e-3f);
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), optimizer, batch, threads, seed: 42);
        trainer.TrainEpoch(data);

        var phases = new StepPhaseTimes();
        trainer.Phases = phases;
        var perPhase = new double[StepPhaseTimes.Count][];
        for (int p = 0; p < StepPhaseTimes.Count; p++)
            perPhase[p] = new double[epochs];
        var totals = new double[epochs];
        for (int e = 0; e < epochs; e++)
        {
            phases.Reset();
            long start = Stopwatch.GetTimestamp();
            trainer.TrainEpoch(data);
            totals[e] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            for (int p = 0; p < StepPhaseTimes.Count; p++)
                perPhase[p][e] = phases[(StepPhaseTimes.Phase)p].TotalMilliseconds;
        }
        double epoch = Median(totals);
        var (gemm, forwardGemm) = GemmBound(batch, threads, epochs);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}, {threads} thread(s): epoch {epoch:F0} ms ({Rows / epoch:F1}k samples/s); " +
            $"its products alone {gemm:F0} ms: {gemm / epoch:P0} of GEMM-bound"));
        for (int p = 0; p < StepPhaseTimes.Count; p++)
        {
            var phase = (StepPhaseTimes.Phase)p;
            double ms = Median(perPhase[p]);
            double? products = phase switch
            {
                StepPhaseTimes.Phase.Forward => forwardGemm,
                StepPhaseTimes.Phase.Backward => gemm - forwardGemm,
                _ => null,
            };
            string alone = products is { } value ? $"  its products alone {value,6:F1} ms" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-12} {ms,8:F1} ms  {ms / epoch,6:P1}{alone}"));
        }
    }

    /// <summary>
    /// The median time of one epoch's matrix products alone, with the shapes and pool of the trainer's steps, and of its
    /// forward products among them (the rest are the backward pass's).
    /// </summary>
    private static (double Total, double Forward) GemmBound(int batch, int threads, int epochs)
    {
        using var pool = threads > 1 ? new WorkerPool(threads) : null;
        var random = new Random(7);
        int layers = Widths.Length - 1;
        var weights = new float[layers][];
        var bias = new float[layers][];
        var activations = new float[Widths.Length][];
        var deltas = new float[Widths.Length][];
        var weightGradients = new float[layers][];
        for (int l = 0; l < Widths.Length; l++)
        {
            activations[l] = GemmBenchmarks.Fill(random, batch * Widths[l]);
            deltas[l] = GemmBenchmarks.Fill(random, batch * Widths[l]);
        }
        for (int l = 0; l < layers; l++)
        {
            weights[l] = GemmBenchmarks.Fill(random, Widths[l] * Widths[l + 1]);
            bias[l] = GemmBenchmarks.Fill(random, Widths[l + 1]);
            weightGradients[l] = new float[Widths[l] * Widths[l + 1]];
        }

        int steps = (Rows + batch - 1) / batch;
        var times = new double[epochs];
        var forwardTimes = new double[epochs];
        for (int e = -1; e < epochs; e++)
        {
            long start = Stopwatch.GetTimestamp(), forwardTicks = 0;
            for (int s = 0; s < steps; s++)
            {
                long forwardStart = Stopwatch.GetTimestamp();
                for (int l = 0; l < layers; l++)
                    Gemm.Multiply(Transpose.None, Transpose.None, batch, Widths[l + 1], Widths[l],
                        1f, activations[l], Widths[l], weights[l], Widths[l + 1], 0f, activations[l + 1], Widths[l + 1], bias[l], pool);
                forwardTicks += Stopwatch.GetTimestamp() - forwardStart;
                for (int l = layers - 1; l >= 0; l--)
                {
                    Gemm.Multiply(Transpose.Transposed, Transpose.None, Widths[l], Widths[l + 1], batch,
                        1f, activations[l], Widths[l], deltas[l + 1], Widths[l + 1], 0f, weightGradients[l], Widths[l + 1], pool);
                    if (l > 0)
                        Gemm.Multiply(Transpose.None, Transpose.Transposed, batch, Widths[l], Widths[l + 1],
                            1f, deltas[l + 1], Widths[l + 1], weights[l], Widths[l + 1], 0f, deltas[l], Widths[l], pool);
                }
            }
            if (e >= 0)
            {
                times[e] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                forwardTimes[e] = forwardTicks * 1000.0 / Stopwatch.Frequency;
            }
        }
        return (Median(times), Median(forwardTimes));
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
