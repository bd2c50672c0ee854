using BenchmarkDotNet.Running;

namespace MLExtensions.Benchmarks;

public static class Program
{
    // Every benchmark class in this assembly is reachable through the switcher: `--filter '*Gemm*'`,
    // `--list flat`, `--job short`, and so on. `--fit-peak [known|unknown]` measures one fit's peak memory instead,
    // `--phases [epochs]` prints where a training epoch's time goes beside its GEMM-bound time.
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--fit-peak")
            return FitPeakMemory.Run(args);
        if (args.Length > 0 && args[0] == "--phases")
            return TrainingPhases.Run(args);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
