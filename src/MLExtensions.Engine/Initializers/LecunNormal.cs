namespace MLExtensions.Engine.Initializers;

/// <summary>LeCun et al. (1998): variance 1/fanIn, truncated normal; what SELU needs to self-normalize.</summary>
public sealed class LecunNormal() : VarianceScaling(1, FanMode.FanIn, ScalingDistribution.TruncatedNormal)
{
    /// <inheritdoc/>
    public override string Name => "lecun_normal";
}
