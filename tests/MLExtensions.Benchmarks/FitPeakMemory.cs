using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;

namespace MLExtensions.Benchmarks;

/// <summary>
/// The peak memory of one <c>Fit</c> on 1,000,000 × 100 floats, in a process of its own: the process's peak working set
/// during the fit minus its working set just before (after a small fit has loaded and compiled everything), as a multiple
/// of the 404 MB of float data. Run with <c>./build.sh bench -- --fit-peak [known|unknown]</c>.
/// </summary>
public static class FitPeakMemory
{
    public static int Run(string[] args)
    {
        bool known = args.Length < 2 || args[1] != "unknown";
        var mlContext = new MLContext(seed: 1);
        mlContext.Regression.Trainers.Mlp(FitMemoryBenchmarks.Options()).Fit(new SyntheticRows(10_000, FitMemoryBenchmarks.Width, known));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        var data = new SyntheticRows(FitMemoryBenchmarks.Rows, FitMemoryBenchmarks.Width, known);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long before = process.WorkingSet64;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var model = mlContext.Regression.Trainers.Mlp(FitMemoryBenchmarks.Options()).Fit(data);
        clock.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        long peak = process.PeakWorkingSet64;

        double dataBytes = data.FloatBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows {data.Rows:N0} x {data.Width} floats, row count {(known ? "known" : "unknown")}: data {dataBytes / 1e6:F0} MB; " +
            $"fit {clock.Elapsed.TotalSeconds:F1} s, {model.Model.History.Epochs.Count} epoch; " +
            $"allocated {allocated / 1e6:F0} MB ({allocated / dataBytes:F2}x data); " +
            $"peak working set {peak / 1e6:F0} MB, {(peak - before) / 1e6:F0} MB above the {before / 1e6:F0} MB before the fit ({(peak - before) / dataBytes:F2}x data)"));
        return 0;
    }
}
