using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MLExtensions.Engine.Kernels;
using MLExtensions.Engine.Layers;

namespace MLExtensions.Engine.Networks;

/// <summary>
/// Forward passes of a few rows at a time, for scoring one row after another (a <c>PredictionEngine</c>, a cursor). The
/// general <see cref="Gemm"/> is built for many rows: for one row, 7/8 of its AVX-512 tile is padding and it repacks the
/// whole weight matrix on every call. Here every dense layer's weights are packed once, when this object is made, into
/// column panels of <see cref="PanelWidth"/> read front to back, so a row's pass streams each weight exactly once.
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
            for (int r = 0; r < rows; r++)
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
