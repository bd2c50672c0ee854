namespace MLExtensions.Engine.Initializers;

/// <summary>He et al. (2015): variance 2/fanIn, truncated normal; for the ReLU family.</summary>
public sealed class HeNormal() : VarianceScaling(2, FanMode.FanIn, ScalingDistribution.TruncatedNormal)
{
    /// <inheritdoc/>
    public override string Name => "he_normal";
}
