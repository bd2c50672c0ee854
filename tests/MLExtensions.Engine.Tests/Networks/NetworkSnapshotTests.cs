using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Tests.Networks;

/// <summary>Snapshots into an earlier snapshot's buffers hold what a fresh snapshot holds, parameters and state alike.</summary>
public class NetworkSnapshotTests
{
    private static Network WithState(int seed)
    {
        var network = new Network(3, new DenseLayer(4), new BatchNormalizationLayer(), new DenseLayer(2));
        network.InitializeParameters(new RandomSource((ulong)seed));
        return network;
    }

    [Fact]
    public void ASnapshotIntoEarlierBuffersEqualsAFreshSnapshotAndReusesThem()
    {
        var network = WithState(1);
        var reused = network.Snapshot();
        var (parameters, state) = (reused.Parameters, reused.State);
        network.RestoreParameters(WithState(2).SnapshotParameters());
        var bn = (BatchNormalizationLayer)network.Layers[1];
        bn.MovingMean.Fill(0.25f);
        network.SnapshotInto(reused);
        var fresh = network.Snapshot();
        Assert.Same(parameters, reused.Parameters);
        Assert.Same(state, reused.State);
        Assert.Equal(fresh.Parameters, reused.Parameters);
        Assert.Equal(fresh.State, reused.State);
    }

    [Fact]
    public void ASnapshotOfAnotherShapeIsRefused()
    {
        var other = new Network(3, new DenseLayer(5)).Snapshot();
        var error = Assert.Throws<ArgumentException>(() => WithState(1).SnapshotInto(other));
        Assert.Contains("this network has", error.Message);
    }
}
