namespace MLExtensions.Engine.Tests.Support;

/// <summary>
/// Counts what a call allocates in steady state on the calling thread. The runtime does one-time work of its own
/// on whichever thread happens to be running (a method's tier-up to optimized code, a type load, a thread-static's
/// first use), and that work can allocate at any moment of a cold process: measured over one window, it made an
/// allocation test fail once in a while. Code that allocates per call allocates in every window, while one-time
/// work lands in at most a few; so the smallest of several windows is the code's own figure, and does not depend
/// on when the runtime chose to do its work.
/// </summary>
internal static class Allocations
{
    /// <summary>The fewest bytes that <paramref name="callsPerWindow"/> calls allocated, over <paramref name="windows"/>
    /// windows after one warm-up call.</summary>
    public static long InSteadyState(Action call, int callsPerWindow = 10, int windows = 5)
    {
        call();
        long fewest = long.MaxValue;
        for (int window = 0; window < windows; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < callsPerWindow; i++)
                call();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
