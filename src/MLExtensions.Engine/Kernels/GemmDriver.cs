namespace MLExtensions.Engine.Kernels;

/// <summary>
/// The blocked GEMM loop nest, specialized per micro-kernel. Work is split into tasks over rectangles of C
/// whose edges lie on the global MR×NR tile grid, and every task walks all of k in the same fixed blocks, so
/// each element of C sees exactly the same operations in the same order whatever the partition.
/// </summary>
internal static unsafe class GemmDriver<TKernel> where TKernel : struct, IGemmMicroKernel
{
    // Packing items in the shared-B phase cover this many NR slivers each: enough to amortize claiming.
    private const int SliversPerPackItem = 4;

    // Below roughly 1 MFLOP the wake-up of the pool costs more than a second core gains.
    private const double ParallelFlopThreshold = 1 << 20;

    // Shared packed B is K×NC floats; past this size the per-task variant avoids a huge buffer.
    private const long MaxSharedBFloats = 16L << 20;

    public static void Multiply(GemmWork work)
    {
        ref readonly GemmProblem p = ref work.Problem;
        int mr = TKernel.MR, nr = TKernel.NR;
        int rowSlivers = (p.M + mr - 1) / mr;
        int colSlivers = (p.N + nr - 1) / nr;
        int threads = work.Pool?.ThreadCount ?? 1;
        int kc = GemmBlocking.KBlock(p.K);
        int nc = GemmBlocking.NBlock(kc, nr);

        if (threads == 1 || 2.0 * p.M * p.N * p.K < ParallelFlopThreshold || (rowSlivers == 1 && colSlivers == 1))
        {
            work.SetOwnPanels(rowGroups: 1, colGroups: 1, rowSlivers, colSlivers);
            work.Execute(0);
            return;
        }

        // Splitting columns repacks A in every task and splitting rows repacks B, unless B is packed once,
        // cooperatively, before the compute phase. Small M (forward and input-gradient products of a batch)
        // splits columns: each task then owns its part of B, which stays in that core's cache. A listener for finished
        // blocks gets rows instead where it can, since whole rows of C are one contiguous part (a dense layer's weights).
        bool splitColumns = colSlivers >= 2 && (rowSlivers < 2 || (p.M <= p.N && p.BlockFinished is null));
        int ncPadded = (Math.Min(nc, p.N) + nr - 1) / nr * nr;
        if (splitColumns || (long)p.K * ncPadded > MaxSharedBFloats)
        {
            int colGroups = splitColumns ? Math.Min(threads, colSlivers) : 1;
            int rowGroups = splitColumns ? 1 : Math.Min(threads, rowSlivers);
            work.SetOwnPanels(rowGroups, colGroups, rowSlivers, colSlivers);
            work.Pool!.Run(work, rowGroups * colGroups);
            return;
        }

        // Row split: more tasks than threads, each at most one A block high, so a core slowed by other
        // processes simply claims fewer of them; a multiple of the threads, so that equal cores finish together.
        int blockTasks = (p.M + GemmBlocking.MaxMc - 1) / GemmBlocking.MaxMc;
        int rowTasks = Math.Min(rowSlivers, (Math.Max(threads, blockTasks) + threads - 1) / threads * threads);
        float* sharedB = GemmBuffers.Current.SharedB(p.K * ncPadded);
        int kBlocks = (p.K + kc - 1) / kc;
        for (int jc = 0; jc < p.N; jc += nc)
        {
            int ncCurrent = Math.Min(nc, p.N - jc);
            int packItemsPerKBlock = ((ncCurrent + nr - 1) / nr + SliversPerPackItem - 1) / SliversPerPackItem;
            work.SetSharedPhase(GemmPhase.PackSharedB, sharedB, jc, ncCurrent, ncPadded, packItemsPerKBlock, rowTasks, rowSlivers);
            work.Pool!.Run(work, kBlocks * packItemsPerKBlock);
            work.SetSharedPhase(GemmPhase.ComputeSharedB, sharedB, jc, ncCurrent, ncPadded, packItemsPerKBlock, rowTasks, rowSlivers);
            work.Pool.Run(work, rowTasks);
        }
    }

    public static void Execute(GemmWork work, int index)
    {
        switch (work.Phase)
        {
            case GemmPhase.OwnPanels:
            {
                int rowGroup = index / work.ColGroups, colGroup = index % work.ColGroups;
                (int r0, int r1) = Span(rowGroup, work.RowGroups, work.RowSlivers, TKernel.MR, work.Problem.M);
                (int c0, int c1) = Span(colGroup, work.ColGroups, work.ColSlivers, TKernel.NR, work.Problem.N);
                OwnPanelsTask(in work.Problem, r0, r1, c0, c1);
                break;
            }
            case GemmPhase.PackSharedB:
                PackSharedBItem(work, index);
                break;
            case GemmPhase.ComputeSharedB:
            {
                (int r0, int r1) = Span(index, work.RowGroups, work.RowSlivers, TKernel.MR, work.Problem.M);
                ComputeSharedBTask(work, r0, r1);
                break;
            }
        }
    }

    /// <summary>Group <paramref name="group"/>'s element range when <paramref name="slivers"/> tiles are dealt evenly.</summary>
    private static (int Start, int End) Span(int group, int groups, int slivers, int tile, int extent)
    {
        int first = (int)((long)group * slivers / groups);
        int last = (int)((long)(group + 1) * slivers / groups);
        return (first * tile, Math.Min(extent, last * tile));
    }

    private static void OwnPanelsTask(in GemmProblem p, int r0, int r1, int c0, int c1)
    {
        int kc = GemmBlocking.KBlock(p.K);
        int nc = GemmBlocking.NBlock(kc, TKernel.NR);
        GemmBuffers buffers = GemmBuffers.Current;
        int ncPaddedMax = (Math.Min(nc, c1 - c0) + TKernel.NR - 1) / TKernel.NR * TKernel.NR;
        int mcMax = GemmBlocking.MBlock(TKernel.MR);
        if (r1 - r0 > mcMax && (long)p.K * ncPaddedMax <= GemmBlocking.BBlockFloats)
        {
            WholeKTask(in p, buffers, r0, r1, c0, c1, nc, ncPaddedMax);
            return;
        }
        float* packedB = buffers.PackedB(kc * ncPaddedMax);
        for (int jc = c0; jc < c1; jc += nc)
        {
            int ncCurrent = Math.Min(nc, c1 - jc);
            for (int pc = 0; pc < p.K; pc += kc)
            {
                int kcCurrent = Math.Min(kc, p.K - pc);
                GemmPacking.Pack(packedB, TKernel.NR, p.B + jc * p.BColumnStride + pc * p.BStepStride,
                    p.BColumnStride, p.BStepStride, ncCurrent, kcCurrent);
                ComputeBlock(in p, buffers, packedB, pc, kcCurrent, r0, r1, jc, ncCurrent);
            }
        }
    }

    /// <summary>
    /// Tall tasks whose B column block fits the L2 budget for all of k: B is packed for every k block up
    /// front, and each A block walks all k blocks before the next starts, so that block's rows of C stay in
    /// L2 between k blocks instead of the whole of C (1.2 MB at 1024×300) streaming through once per k block.
    /// Every element still sees the same k blocks in the same order.
    /// </summary>
    private static void WholeKTask(in GemmProblem p, GemmBuffers buffers, int r0, int r1, int c0, int c1, int nc,
        int ncPaddedMax)
    {
        int kc = GemmBlocking.KBlock(p.K);
        int mcMax = GemmBlocking.MBlock(TKernel.MR);
        float* packedB = buffers.PackedB(p.K * ncPaddedMax);
        for (int jc = c0; jc < c1; jc += nc)
        {
            int ncCurrent = Math.Min(nc, c1 - jc);
            int ncPadded = (ncCurrent + TKernel.NR - 1) / TKernel.NR * TKernel.NR;
            for (int pc = 0; pc < p.K; pc += kc)
            {
                GemmPacking.Pack(packedB + (nint)pc * ncPadded, TKernel.NR, p.B + jc * p.BColumnStride + pc * p.BStepStride,
                    p.BColumnStride, p.BStepStride, ncCurrent, Math.Min(kc, p.K - pc));
            }
            for (int ic = r0; ic < r1; ic += mcMax)
            {
                int icEnd = Math.Min(r1, ic + mcMax);
                for (int pc = 0; pc < p.K; pc += kc)
                {
                    ComputeBlock(in p, buffers, packedB + (nint)pc * ncPadded, pc, Math.Min(kc, p.K - pc), ic, icEnd,
                        jc, ncCurrent);
                }
            }
        }
    }

    private static void PackSharedBItem(GemmWork work, int index)
    {
        ref readonly GemmProblem p = ref work.Problem;
        int kc = GemmBlocking.KBlock(p.K);
        int kBlock = index / work.PackItemsPerKBlock;
        int firstSliver = index % work.PackItemsPerKBlock * SliversPerPackItem;
        int pc = kBlock * kc;
        int kcCurrent = Math.Min(kc, p.K - pc);
        int column = firstSliver * TKernel.NR;
        int columns = Math.Min(work.SharedNc - column, SliversPerPackItem * TKernel.NR);
        float* dst = work.SharedB + (nint)pc * work.SharedNcPadded + (nint)column * kcCurrent;
        int jc = work.SharedJc + column;
        GemmPacking.Pack(dst, TKernel.NR, p.B + jc * p.BColumnStride + pc * p.BStepStride,
            p.BColumnStride, p.BStepStride, columns, kcCurrent);
    }

    private static void ComputeSharedBTask(GemmWork work, int r0, int r1)
    {
        ref readonly GemmProblem p = ref work.Problem;
        int kc = GemmBlocking.KBlock(p.K);
        GemmBuffers buffers = GemmBuffers.Current;
        for (int pc = 0; pc < p.K; pc += kc)
        {
            int kcCurrent = Math.Min(kc, p.K - pc);
            float* packedB = work.SharedB + (nint)pc * work.SharedNcPadded;
            ComputeBlock(in p, buffers, packedB, pc, kcCurrent, r0, r1, work.SharedJc, work.SharedNc);
        }
    }

    /// <summary>
    /// Rows [r0, r1) × columns [jc, jc + nc) of C for one k block whose B is already packed. Each NR-wide B
    /// sliver (kc×NR, at most 32 KB) stays in L1 while the MR-high A slivers of the packed A block stream past
    /// it from L2: A slivers carry a quarter of the bytes per k step that B slivers do, so streaming A is the
    /// cheaper direction.
    /// </summary>
    private static void ComputeBlock(in GemmProblem p, GemmBuffers buffers, float* packedB, int pc, int kc,
        int r0, int r1, int jc, int nc)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int mcMax = GemmBlocking.MBlock(mr);
        float* packedA = buffers.PackedA(mcMax * kc);
        float* scratch = buffers.Scratch(mr * nr);
        GemmEpilogue epilogue = p.EpilogueFor(pc, kc);
        for (int ic = r0; ic < r1; ic += mcMax)
        {
            int mc = Math.Min(mcMax, r1 - ic);
            GemmPacking.Pack(packedA, mr, p.A + ic * p.ARowStride + pc * p.AStepStride,
                p.ARowStride, p.AStepStride, mc, kc);
            float* cBlock = p.C + ic * p.Ldc + jc;
            for (int jr = 0; jr < nc; jr += nr)
            {
                int columns = Math.Min(nr, nc - jr);
                float* b = packedB + jr * kc;
                GemmEpilogue tileEpilogue = epilogue.WithBiasOffset(jc + jr);
                for (int ir = 0; ir < mc; ir += mr)
                {
                    TKernel.Run(kc, packedA + ir * kc, b, cBlock + ir * p.Ldc + jr, p.Ldc,
                        Math.Min(mr, mc - ir), columns, tileEpilogue, scratch);
                }
            }
            if (p.BlockFinished is { } listener && pc + kc == p.K)
            {
                listener.BlockFinished(ic, mc, jc, nc);
            }
        }
    }
}
