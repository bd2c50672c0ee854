using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Serialization;

namespace MLExtensions.Engine.Tests.Serialization;

public class NetworkSerializerTests
{
    [Fact]
    public void ANetworkReadBackHasTheSameLayersParametersAndState()
    {
        var network = new Network(3,
            new DenseLayer(4, Activation.FromName("tanh")),
            new BatchNormalizationLayer(momentum: 0.9f),
            new DropoutLayer(0.25f),
            new DenseLayer(2));
        network.InitializeParameters(new RandomSource(5));

        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            NetworkSerializer.WriteNetwork(writer, network);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var read = NetworkSerializer.ReadNetwork(reader);

        Assert.Equal(stream.Length, stream.Position);
        Assert.Equal(network.InputSize, read.InputSize);
        Assert.Equal(network.Layers.Select(l => l.ToString()), read.Layers.Select(l => l.ToString()));
        Assert.Equal(network.SnapshotParameters(), read.SnapshotParameters());
        Assert.Equal(network.Snapshot().State, read.Snapshot().State);
    }

    [Fact]
    public void WritingWithoutAWriterOrANetworkIsRefusedNamingTheArgument()
    {
        var network = new Network(2, new DenseLayer(1));
        using var writer = new BinaryWriter(new MemoryStream());
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => NetworkSerializer.WriteNetwork(null!, network)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => NetworkSerializer.WriteNetwork(writer, null!)).ParamName);
    }
}
