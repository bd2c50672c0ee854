namespace MLExtensions.Engine.Initializers;

/// <summary>LeCun et al. (1998): uniform with variance 1/fanIn.</summary>
public sealed class LecunUniform() : VarianceScaling(1, FanMode.FanIn, ScalingDistribution.Uniform)
{
    /// <inheritdoc/>
    public override string Name => "lecun_uniform";
}
