namespace MLExtensions.Engine.Initializers;

/// <summary>Glorot &amp; Bengio (2010): uniform with variance 2/(fanIn + fanOut); Keras' default kernel initializer.</summary>
public sealed class GlorotUniform() : VarianceScaling(1, FanMode.FanAverage, ScalingDistribution.Uniform)
{
    /// <inheritdoc/>
    public override string Name => "glorot_uniform";
}
