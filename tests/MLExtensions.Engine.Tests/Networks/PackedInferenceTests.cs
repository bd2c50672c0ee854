using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using static MLExtensions.Engine.Networks.PackedInference;

namespace MLExtensions.Engine.Tests.Networks;

/// <summary>Row-by-row scoring with packed weights gives exactly the bits of the batched forward pass.</summary>
public class PackedInferenceTests
{
    public static TheoryData<int, int, bool, string> Shapes => new()
    {
        { 1, 1, true, "identity" },
        { 3, 5, true, "relu" },
        { 7, 64, false, "tanh" },
        { 13, 65, true, "identity" },
        { 300, 130, true, "relu" },    // two k blocks
        { 784, 300, true, "relu" },    // four k blocks and a partial panel: the reference network's first layer
        { 257, 63, false, "gelu" },
    };

    private static Network Build(int inputs, ulong seed, params Layer[] layers)
    {
        var network = new Network(inputs, layers);
        network.InitializeParameters(new RandomSource(seed));
        // Non-zero biases, so their place in the order of additions matters.
        var random = new RandomSource(seed + 1);
        foreach (var dense in network.Layers.OfType<DenseLayer>())
            for (int i = 0; i < dense.Bias.Length; i++)
                dense.Bias[i] = (float)random.NextGaussian();
        network.MarkParametersChanged();
        return network;
    }

    private static float[] Rows(int rows, int inputs, ulong seed)
    {
        var random = new RandomSource(seed);
        return Enumerable.Range(0, rows * inputs).Select(_ => (float)random.NextGaussian()).ToArray();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryRowCountFromOneToThirteenAndBeyondAPassGivesTheBatchedPassesBits(int inputs, int units, bool bias, string activation)
    {
        var network = Build(inputs, 3, new DenseLayer(units, Activation.FromName(activation), bias), new DenseLayer(3));
        var packed = new PackedInference(network);
        // 1 to 13 rows cover every fill of the six-row panels; 103 and 200 rows pass more than one pass of panels.
        foreach (int rows in Enumerable.Range(1, 13).Append(103).Append(200))
        {
            var input = Rows(rows, inputs, (ulong)rows);
            var expected = network.Forward(new NetworkWorkspace(network, rows), LayerContext.Inference(), input, rows).ToArray();
            var actual = packed.Forward(new NetworkWorkspace(network, rows), input, rows).ToArray();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void EveryLayerKindScoresAsTheBatchedPass()
    {
        var network = Build(20, 5,
            new DenseLayer(70, Activation.FromName("identity"), useBias: false), new BatchNormalizationLayer(),
            new ActivationLayer(Activation.FromName("selu")), new DropoutLayer(0.3f), new DenseLayer(33), new PReluLayer(0.2f),
            new AlphaDropoutLayer(0.1f), new DenseLayer(4, Activation.FromName("softplus")));
        // Moving statistics away from their initial 0 and 1.
        var state = network.Layers[1].State;
        for (int i = 0; i < state.Length; i++)
            state[i] = 0.5f + i % 7 * 0.1f;
        var input = Rows(5, 20, 9);
        var expected = network.Forward(new NetworkWorkspace(network, 5), LayerContext.Inference(), input, 5).ToArray();
        Assert.Equal(expected, new PackedInference(network).Forward(new NetworkWorkspace(network, 5), input, 5).ToArray());
    }

    [Theory]
    [InstructionSetData("Avx512")]
    [InstructionSetData("Fma")]
    public void TheFusedKernelsAgreeBitForBitWhereTheCpuHasThem(string family)
    {
        var kernel = Enum.Parse<PanelKernel>(family);
        var network = Build(600, 7, new DenseLayer(100, Activation.FromName("relu")), new DenseLayer(10));
        var input = Rows(2, 600, 4);
        var expected = network.Forward(new NetworkWorkspace(network, 2), LayerContext.Inference(), input, 2).ToArray();
        Assert.Equal(expected, new PackedInference(network, kernel).Forward(new NetworkWorkspace(network, 2), input, 2).ToArray());
    }

    [Theory]
    [InlineData("Avx512")]
    [InlineData("Fma")]
    public void AFusedKernelIsBuiltWhereTheCpuHasItAndRefusedElsewhere(string family)
    {
        var kernel = Enum.Parse<PanelKernel>(family);
        var network = Build(4, 7, new DenseLayer(3));
        if (InstructionSets.Has(family))
            Assert.True(new PackedInference(network, kernel).IsCurrent);
        else
            Assert.Throws<PlatformNotSupportedException>(() => new PackedInference(network, kernel));
    }

    [Fact]
    public void TheUnfusedKernelRoundsEachProductAndSumInGemmsOrder()
    {
        const int inputs = 520, units = 70; // three k blocks of 174, 174 and 172
        var network = Build(inputs, 11, new DenseLayer(units, Activation.FromName("identity")));
        var dense = (DenseLayer)network.Layers[0];
        var x = Rows(1, inputs, 12);
        int kc = MLExtensions.Engine.Kernels.GemmBlocking.KBlock(inputs);
        Assert.Equal(174, kc);
        var expected = new float[units];
        for (int j = 0; j < units; j++)
        {
            float sum = 0;
            for (int start = 0; start < inputs; start += kc)
            {
                float block = 0;
                for (int k = start; k < Math.Min(inputs, start + kc); k++)
                {
                    float product = x[k] * dense.Weights[k * units + j];
                    block += product;
                }
                sum = start == 0 ? block : sum + block;
            }
            expected[j] = sum + dense.Bias[j];
        }
        var actual = new PackedInference(network, PanelKernel.Unfused).Forward(new NetworkWorkspace(network, 1), x, 1).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ChangedParametersMakeThePackedWeightsStaleAndTheyAreRefused()
    {
        var network = Build(4, 13, new DenseLayer(3));
        var packed = new PackedInference(network);
        Assert.True(packed.IsCurrent);

        network.RestoreParameters(network.SnapshotParameters());
        Assert.False(packed.IsCurrent);
        Assert.Throws<InvalidOperationException>(() => packed.Forward(new NetworkWorkspace(network, 1), new float[4], 1));
        Assert.True(new PackedInference(network).IsCurrent);
    }
}
