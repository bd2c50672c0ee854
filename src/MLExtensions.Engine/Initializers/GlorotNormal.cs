namespace MLExtensions.Engine.Initializers;

/// <summary>Glorot &amp; Bengio (2010): variance 2/(fanIn + fanOut), truncated normal.</summary>
public sealed class GlorotNormal() : VarianceScaling(1, FanMode.FanAverage, ScalingDistribution.TruncatedNormal)
{
    /// <inheritdoc/>
    public override string Name => "glorot_normal";
}
