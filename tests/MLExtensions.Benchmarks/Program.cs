using BenchmarkDotNet.Running;

namespace MLExtensions.Benchmarks;

public static class Program
{
    // Every benchmark class in this assembly is reachable through the switcher: `--filter '*Gemm*'`,
    // `--list flat`, `--job short`, and so on.
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
