using MLExtensions.Engine.Parallelism;

namespace MLExtensions.Engine.Kernels;

/// <summary>Which part of the loop nest a <see cref="GemmWork"/> item runs.</summary>
internal enum GemmPhase
{
    /// <summary>Each task packs the A and B panels it needs for its own rectangle of C.</summary>
    OwnPanels,
    /// <summary>Tasks pack slivers of one column block of B into a buffer every task reads.</summary>
    PackSharedB,
    /// <summary>Tasks compute row ranges of C against the shared packed B.</summary>
    ComputeSharedB,
}

/// <summary>
/// The state of one GEMM call that pool threads read: the problem in pointer form plus the current phase's
/// partition. Reused per calling thread, so a call allocates nothing.
/// </summary>
internal sealed unsafe class GemmWork : ParallelWork
{
    [ThreadStatic] private static GemmWork? t_cached;

    public GemmProblem Problem;
    public GemmInstructionSet InstructionSet;
    public WorkerPool? Pool;
    public GemmPhase Phase;
    public int RowGroups, ColGroups, RowSlivers, ColSlivers;
    public float* SharedB;
    public int SharedJc, SharedNc, SharedNcPadded, PackItemsPerKBlock;
    private bool _inUse;

    /// <summary>This thread's cached instance, or a fresh one if a GEMM on this thread is already running.</summary>
    public static GemmWork Rent()
    {
        GemmWork work = t_cached ??= new GemmWork();
        if (work._inUse)
        {
            work = new GemmWork();
        }
        work._inUse = true;
        return work;
    }

    public void Return()
    {
        Pool = null;
        Problem = default;
        SharedB = null;
        _inUse = false;
    }

    public void SetOwnPanels(int rowGroups, int colGroups, int rowSlivers, int colSlivers)
    {
        Phase = GemmPhase.OwnPanels;
        RowGroups = rowGroups;
        ColGroups = colGroups;
        RowSlivers = rowSlivers;
        ColSlivers = colSlivers;
    }

    public void SetSharedPhase(GemmPhase phase, float* sharedB, int jc, int nc, int ncPadded, int packItemsPerKBlock,
        int rowGroups, int rowSlivers)
    {
        Phase = phase;
        SharedB = sharedB;
        SharedJc = jc;
        SharedNc = nc;
        SharedNcPadded = ncPadded;
        PackItemsPerKBlock = packItemsPerKBlock;
        RowGroups = rowGroups;
        RowSlivers = rowSlivers;
        ColGroups = 1;
    }

    public override void Execute(int index)
    {
        switch (InstructionSet)
        {
            case GemmInstructionSet.Avx512:
                GemmDriver<GemmKernelAvx512>.Execute(this, index);
                break;
            case GemmInstructionSet.Avx2:
                GemmDriver<GemmKernelAvx2>.Execute(this, index);
                break;
            default:
                GemmDriver<GemmKernelPortable>.Execute(this, index);
                break;
        }
    }
}
