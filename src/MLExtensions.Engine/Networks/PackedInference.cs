using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MLExtensions.Engine.Kernels;
using MLExtensions.Engine.Layers;

namespace MLExtensions.Engine.Networks;

/// <summary>
/// Forward passes for scoring (a <c>PredictionEngine</c>, a cursor's blocks of rows). The general <see cref="Gemm"/> is
/// built for training: for one row, 7/8 of its AVX-512 tile is padding, and it repacks the whole weight matrix on every
/// call. Here every dense layer's weights are packed once, when this object is made, into column panels of
/// <see cref="PanelWidth"/> read front to back, so a row's pass streams each weight exactly once; with AVX-512, rows go
/// six at a time, each weight loaded once for the six, and a panel only partly filled costs only the vectors it needs.
/// </summary>
/// <remarks>
/// The results are bitwise those of <see cref="Network.Forward"/>: each output is accumulated in GEMM's order (the same k
/// blocks, fused multiply-adds where GEMM's kernels fuse them, blocks added in turn, the bias last), so a model scores a
/// row identically whether it comes alone or in a batch. The packed copy belongs to the parameters of the moment it was
/// made: <see cref="IsCurrent"/> turns false once the network's parameters change through the engine
/// (<see cref="Network.ParameterVersion"/>). Immutable, so any number of threads may use it, each with its own
/// <see cref="NetworkWorkspace"/>.
/// </remarks>
public sealed unsafe class PackedInference
{
    /// <summary>Output units per panel: four AVX-512 vectors, eight AVX2 ones.</summary>
    public const int PanelWidth = 64;

    private readonly DenseLayer?[] _dense;
    private readonly float[]?[] _panels;
    private readonly float[]?[] _biases;
    private readonly long _version;
    private readonly PanelKernel _kernel;

    /// <summary>How a panel is computed; each matches the GEMM kernel family that runs on the same CPU.</summary>
    internal enum PanelKernel
    {
        /// <summary>Fused multiply-adds on four AVX-512 vectors.</summary>
        Avx512,

        /// <summary>Fused multiply-adds on AVX2 vectors, two halves of four.</summary>
        Fma,

        /// <summary>A multiply and an add, each rounded, as GEMM's portable kernel computes.</summary>
        Unfused,
    }

    /// <summary>Whether this CPU runs <paramref name="kernel"/>.</summary>
    internal static bool IsSupported(PanelKernel kernel) => kernel switch
    {
        PanelKernel.Avx512 => Avx512F.IsSupported,
        PanelKernel.Fma => Fma.IsSupported && Avx.IsSupported,
        _ => true,
    };

    /// <summary>Packs the dense layers' current weights of <paramref name="network"/>, for the kernel that matches the
    /// GEMM this CPU runs.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public PackedInference(Network network)
        : this(network, DefaultKernel)
    {
    }

    /// <summary>With a chosen kernel, so tests can run each path on a CPU that would pick another.</summary>
    internal PackedInference(Network network, PanelKernel kernel)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        if (!IsSupported(kernel))
            throw new PlatformNotSupportedException($"This CPU cannot run the {kernel} panel kernel.");
        _kernel = kernel;
        _version = network.ParameterVersion;
        var layers = network.Layers;
        _dense = new DenseLayer?[layers.Count];
        _panels = new float[]?[layers.Count];
        _biases = new float[]?[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is not DenseLayer dense)
                continue;
            _dense[i] = dense;
            (_panels[i], _biases[i]) = Pack(dense);
        }
    }

    // GEMM fuses its multiply-adds exactly when it runs an AVX2 or AVX-512 kernel; its portable kernel rounds twice.
    private static PanelKernel DefaultKernel => Gemm.BestInstructionSet switch
    {
        GemmInstructionSet.Portable => PanelKernel.Unfused,
        _ when Avx512F.IsSupported => PanelKernel.Avx512,
        _ => PanelKernel.Fma,
    };

    /// <summary>The network whose weights were packed.</summary>
    public Network Network { get; }

    /// <summary>Whether <see cref="Forward"/> scores rows together, loading each weight once for several rows (AVX-512), so
    /// that a block of rows runs as fast here as through <see cref="Network.Forward"/>'s GEMM or faster; otherwise it
    /// streams the weights once per row, which suits a few rows only.</summary>
    internal bool ScoresRowsTogether => _kernel == PanelKernel.Avx512;

    /// <summary>Whether the packed weights are still the network's (no engine call has changed its parameters since).</summary>
    public bool IsCurrent => Network.ParameterVersion == _version;

    /// <summary>
    /// The outputs of <paramref name="rows"/> rows of <paramref name="input"/>, in <paramref name="workspace"/> (valid until
    /// its next pass), as <see cref="Network.Forward"/> with an inference context would give them.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="workspace"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The network's parameters changed since packing (<see cref="IsCurrent"/> is false).</exception>
    /// <exception cref="ArgumentException">The workspace was made for another network, or the input is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is not within 1 to the workspace's <see cref="NetworkWorkspace.MaxBatch"/>.</exception>
    public ReadOnlySpan<float> Forward(NetworkWorkspace workspace, ReadOnlySpan<float> input, int rows)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!IsCurrent)
            throw new InvalidOperationException("The network's parameters changed after its weights were packed; pack them again.");
        workspace.CheckFor(Network, rows);
        int inputSize = Network.InputSize;
        if (input.Length < rows * inputSize)
            throw new ArgumentException($"The input holds {input.Length} values; {rows} rows of {inputSize} need {rows * inputSize}.", nameof(input));

        var layers = Network.Layers;
        var context = Inference;
        ReadOnlySpan<float> current = input[..(rows * inputSize)];
        for (int i = 0; i < layers.Count; i++)
        {
            var output = workspace.Output(i, rows);
            if (_dense[i] is { } dense)
            {
                Dense(dense, _panels[i]!, _biases[i], current, output, rows);
                if (dense.HasActivation)
                    dense.Activation.Forward(output, output);
            }
            else
            {
                layers[i].Forward(context, current, output, workspace.Scratch(i, rows), rows);
            }
            current = output;
        }
        return current;
    }

    private static readonly LayerContext Inference = LayerContext.Inference();

    /// <summary>Weights [in × units] row-major become panels [units / 64][in][64], zero-padded; the bias is padded likewise.</summary>
    private static (float[] Panels, float[]? Bias) Pack(DenseLayer dense)
    {
        int inputs = dense.InputSize, units = dense.Units;
        int panels = (units + PanelWidth - 1) / PanelWidth;
        var packed = new float[(long)panels * inputs * PanelWidth];
        var weights = dense.Weights;
        for (int p = 0; p < panels; p++)
        {
            int first = p * PanelWidth, width = Math.Min(PanelWidth, units - first);
            for (int k = 0; k < inputs; k++)
                weights.Slice(k * units + first, width).CopyTo(packed.AsSpan(((p * inputs) + k) * PanelWidth, width));
        }
        float[]? bias = null;
        if (dense.UseBias)
        {
            bias = new float[panels * PanelWidth];
            dense.Bias.CopyTo(bias);
        }
        return (packed, bias);
    }

    private void Dense(DenseLayer dense, float[] panels, float[]? bias, ReadOnlySpan<float> input, Span<float> output, int rows)
    {
        int inputs = dense.InputSize, units = dense.Units;
        int kc = GemmBlocking.KBlock(inputs);
        float* staged = stackalloc float[PanelWidth];
        fixed (float* x = input)
        fixed (float* w = panels)
        fixed (float* b = bias)
        fixed (float* y = output)
        {
            int r = 0;
            if (_kernel == PanelKernel.Avx512 && rows >= GroupRows)
            {
                float* sums = stackalloc float[PassRows * PanelWidth];
                while (rows - r >= GroupRows)
                {
                    int passRows = Math.Min(PassRows, (rows - r) / GroupRows * GroupRows);
                    RowsAvx512(x + (long)r * inputs, w, b, y + (long)r * units, passRows, inputs, units, kc, sums);
                    r += passRows;
                }
            }
            for (; r < rows; r++)
            {
                for (int first = 0, p = 0; first < units; first += PanelWidth, p++)
                {
                    float* panel = w + (long)p * inputs * PanelWidth;
                    float* panelBias = b == null ? null : b + first;
                    int width = Math.Min(PanelWidth, units - first);
                    float* target = width == PanelWidth ? y + (long)r * units + first : staged;
                    float* row = x + (long)r * inputs;
                    switch (_kernel)
                    {
                        case PanelKernel.Avx512:
                            PanelAvx512(row, panel, panelBias, target, inputs, kc);
                            break;
                        case PanelKernel.Fma:
                            PanelFma(row, panel, panelBias, target, inputs, kc);
                            break;
                        default:
                            PanelUnfused(row, panel, panelBias, target, inputs, kc);
                            break;
                    }
                    if (target == staged)
                        new ReadOnlySpan<float>(staged, width).CopyTo(new Span<float>(y + (long)r * units + first, width));
                }
            }
        }
    }

    /// <summary>Rows one multi-row kernel call scores together: six rows of four vectors are 24 accumulators, which leave
    /// room in the 32 AVX-512 registers for a panel's four vectors and a broadcast.</summary>
    private const int GroupRows = 6;

    /// <summary>Rows whose running sums stay on the stack (<see cref="PanelWidth"/> each, 24 KB in all) while a panel's k
    /// block is reused for all of them, when the panel is only partly filled; a full panel sums in the output itself.</summary>
    private const int PassRows = 16 * GroupRows;

    /// <summary>
    /// <paramref name="rows"/> rows (a multiple of <see cref="GroupRows"/>, at most <see cref="PassRows"/>) of a dense
    /// layer, so that a block of rows is bound by the multiply-adds rather than by streaming the weights once per row: each
    /// k block of a panel is loaded once per six rows and stays in cache for all the groups, and a panel only partly filled
    /// is computed on the vectors its units need. Every output sees the operations of <see cref="PanelAvx512"/> in the same
    /// order; between k blocks its running sum lives in the output row (a full panel) or in <paramref name="sums"/>.
    /// </summary>
    private static void RowsAvx512(float* x, float* panels, float* bias, float* y, int rows, int inputs, int units, int kc, float* sums)
    {
        for (int first = 0, p = 0; first < units; first += PanelWidth, p++)
        {
            float* panel = panels + (long)p * inputs * PanelWidth;
            int width = Math.Min(PanelWidth, units - first);
            bool full = width == PanelWidth;
            float* target = full ? y + first : sums;
            int stride = full ? units : PanelWidth;
            for (int start = 0; start < inputs; start += kc)
            {
                int end = Math.Min(inputs, start + kc);
                for (int g = 0; g < rows; g += GroupRows)
                {
                    float* rowsX = x + (long)g * inputs;
                    float* rowsSum = target + (long)g * stride;
                    switch ((width + 15) / 16)
                    {
                        case 1:
                            GroupAvx512<OneVector>(rowsX, panel, rowsSum, stride, inputs, start, end);
                            break;
                        case 2:
                            GroupAvx512<TwoVectors>(rowsX, panel, rowsSum, stride, inputs, start, end);
                            break;
                        case 3:
                            GroupAvx512<ThreeVectors>(rowsX, panel, rowsSum, stride, inputs, start, end);
                            break;
                        default:
                            GroupAvx512<FourVectors>(rowsX, panel, rowsSum, stride, inputs, start, end);
                            break;
                    }
                }
            }
            for (int r = 0; r < rows; r++)
            {
                float* sum = target + (long)r * stride;
                if (bias != null)
                {
                    // Whole vectors: a partly filled panel's sums have room for them, and a full panel is exactly four.
                    for (int v = 0; v < width; v += 16)
                        Avx512F.Store(sum + v, Avx512F.LoadVector512(sum + v) + Avx512F.LoadVector512(bias + first + v));
                }
                if (!full)
                    new ReadOnlySpan<float>(sum, width).CopyTo(new Span<float>(y + (long)r * units + first, width));
            }
        }
    }

    /// <summary>How many AVX-512 vectors of a panel a multi-row kernel computes: a type argument, so that the JIT compiles
    /// each width with only its own accumulators.</summary>
    private interface IPanelVectors
    {
        static abstract int Count { get; }
    }

    private struct OneVector : IPanelVectors
    {
        public static int Count => 1;
    }

    private struct TwoVectors : IPanelVectors
    {
        public static int Count => 2;
    }

    private struct ThreeVectors : IPanelVectors
    {
        public static int Count => 3;
    }

    private struct FourVectors : IPanelVectors
    {
        public static int Count => 4;
    }

    /// <summary>Six rows, k from <paramref name="start"/> to <paramref name="end"/> (one k block): the block's products
    /// from zero accumulators, then added to the running sums, <paramref name="stride"/> floats apart (or starting them, for
    /// the first block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GroupAvx512<TVectors>(float* x, float* panel, float* sums, int stride, int inputs, int start, int end)
        where TVectors : struct, IPanelVectors
    {
        float* x1 = x + inputs, x2 = x1 + inputs, x3 = x2 + inputs, x4 = x3 + inputs, x5 = x4 + inputs;
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        Vector512<float> a40 = default, a41 = default, a42 = default, a43 = default;
        Vector512<float> a50 = default, a51 = default, a52 = default, a53 = default;
        for (int k = start; k < end; k++)
        {
            float* row = panel + (long)k * PanelWidth;
            var w0 = Avx512F.LoadVector512(row);
            var w1 = TVectors.Count > 1 ? Avx512F.LoadVector512(row + 16) : default;
            var w2 = TVectors.Count > 2 ? Avx512F.LoadVector512(row + 32) : default;
            var w3 = TVectors.Count > 3 ? Avx512F.LoadVector512(row + 48) : default;
            Row<TVectors>(Vector512.Create(x[k]), w0, w1, w2, w3, ref a00, ref a01, ref a02, ref a03);
            Row<TVectors>(Vector512.Create(x1[k]), w0, w1, w2, w3, ref a10, ref a11, ref a12, ref a13);
            Row<TVectors>(Vector512.Create(x2[k]), w0, w1, w2, w3, ref a20, ref a21, ref a22, ref a23);
            Row<TVectors>(Vector512.Create(x3[k]), w0, w1, w2, w3, ref a30, ref a31, ref a32, ref a33);
            Row<TVectors>(Vector512.Create(x4[k]), w0, w1, w2, w3, ref a40, ref a41, ref a42, ref a43);
            Row<TVectors>(Vector512.Create(x5[k]), w0, w1, w2, w3, ref a50, ref a51, ref a52, ref a53);
        }
        bool firstBlock = start == 0;
        Accumulate<TVectors>(sums, firstBlock, a00, a01, a02, a03);
        Accumulate<TVectors>(sums + stride, firstBlock, a10, a11, a12, a13);
        Accumulate<TVectors>(sums + 2 * stride, firstBlock, a20, a21, a22, a23);
        Accumulate<TVectors>(sums + 3 * stride, firstBlock, a30, a31, a32, a33);
        Accumulate<TVectors>(sums + 4 * stride, firstBlock, a40, a41, a42, a43);
        Accumulate<TVectors>(sums + 5 * stride, firstBlock, a50, a51, a52, a53);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<TVectors>(Vector512<float> xk, Vector512<float> w0, Vector512<float> w1, Vector512<float> w2,
        Vector512<float> w3, ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3)
        where TVectors : struct, IPanelVectors
    {
        a0 = Avx512F.FusedMultiplyAdd(xk, w0, a0);
        if (TVectors.Count > 1)
            a1 = Avx512F.FusedMultiplyAdd(xk, w1, a1);
        if (TVectors.Count > 2)
            a2 = Avx512F.FusedMultiplyAdd(xk, w2, a2);
        if (TVectors.Count > 3)
            a3 = Avx512F.FusedMultiplyAdd(xk, w3, a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TVectors>(float* sum, bool first, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2,
        Vector512<float> a3)
        where TVectors : struct, IPanelVectors
    {
        if (!first)
        {
            a0 += Avx512F.LoadVector512(sum);
            a1 += TVectors.Count > 1 ? Avx512F.LoadVector512(sum + 16) : default;
            a2 += TVectors.Count > 2 ? Avx512F.LoadVector512(sum + 32) : default;
            a3 += TVectors.Count > 3 ? Avx512F.LoadVector512(sum + 48) : default;
        }
        Avx512F.Store(sum, a0);
        if (TVectors.Count > 1)
            Avx512F.Store(sum + 16, a1);
        if (TVectors.Count > 2)
            Avx512F.Store(sum + 32, a2);
        if (TVectors.Count > 3)
            Avx512F.Store(sum + 48, a3);
    }

    // Each k block starts from zero accumulators and is added to the running sum, as GEMM's micro-kernels and epilogue do.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PanelAvx512(float* x, float* panel, float* bias, float* y, int inputs, int kc)
    {
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (int start = 0; start < inputs; start += kc)
        {
            int end = Math.Min(inputs, start + kc);
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int k = start; k < end; k++)
            {
                var xk = Vector512.Create(x[k]);
                float* row = panel + (long)k * PanelWidth;
                a0 = Avx512F.FusedMultiplyAdd(xk, Avx512F.LoadVector512(row), a0);
                a1 = Avx512F.FusedMultiplyAdd(xk, Avx512F.LoadVector512(row + 16), a1);
                a2 = Avx512F.FusedMultiplyAdd(xk, Avx512F.LoadVector512(row + 32), a2);
                a3 = Avx512F.FusedMultiplyAdd(xk, Avx512F.LoadVector512(row + 48), a3);
            }
            if (start == 0)
                (s0, s1, s2, s3) = (a0, a1, a2, a3);
            else
                (s0, s1, s2, s3) = (s0 + a0, s1 + a1, s2 + a2, s3 + a3);
        }
        if (bias != null)
            (s0, s1, s2, s3) = (s0 + Avx512F.LoadVector512(bias), s1 + Avx512F.LoadVector512(bias + 16),
                s2 + Avx512F.LoadVector512(bias + 32), s3 + Avx512F.LoadVector512(bias + 48));
        Avx512F.Store(y, s0);
        Avx512F.Store(y + 16, s1);
        Avx512F.Store(y + 32, s2);
        Avx512F.Store(y + 48, s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PanelFma(float* x, float* panel, float* bias, float* y, int inputs, int kc)
    {
        // Eight AVX2 vectors cover the panel; two passes of four keep the accumulators in registers.
        for (int half = 0; half < PanelWidth; half += 32)
        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (int start = 0; start < inputs; start += kc)
            {
                int end = Math.Min(inputs, start + kc);
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int k = start; k < end; k++)
                {
                    var xk = Vector256.Create(x[k]);
                    float* row = panel + (long)k * PanelWidth + half;
                    a0 = Fma.MultiplyAdd(xk, Avx.LoadVector256(row), a0);
                    a1 = Fma.MultiplyAdd(xk, Avx.LoadVector256(row + 8), a1);
                    a2 = Fma.MultiplyAdd(xk, Avx.LoadVector256(row + 16), a2);
                    a3 = Fma.MultiplyAdd(xk, Avx.LoadVector256(row + 24), a3);
                }
                if (start == 0)
                    (s0, s1, s2, s3) = (a0, a1, a2, a3);
                else
                    (s0, s1, s2, s3) = (s0 + a0, s1 + a1, s2 + a2, s3 + a3);
            }
            if (bias != null)
                (s0, s1, s2, s3) = (s0 + Avx.LoadVector256(bias + half), s1 + Avx.LoadVector256(bias + half + 8),
                    s2 + Avx.LoadVector256(bias + half + 16), s3 + Avx.LoadVector256(bias + half + 24));
            Avx.Store(y + half, s0);
            Avx.Store(y + half + 8, s1);
            Avx.Store(y + half + 16, s2);
            Avx.Store(y + half + 24, s3);
        }
    }

    private static void PanelUnfused(float* x, float* panel, float* bias, float* y, int inputs, int kc)
    {
        for (int t = 0; t < PanelWidth; t++)
        {
            float sum = 0;
            for (int start = 0; start < inputs; start += kc)
            {
                int end = Math.Min(inputs, start + kc);
                float accumulator = 0;
                for (int k = start; k < end; k++)
                    accumulator += x[k] * panel[(long)k * PanelWidth + t];
                sum = start == 0 ? accumulator : sum + accumulator;
            }
            y[t] = bias == null ? sum : sum + bias[t];
        }
    }
}
