namespace MLExtensions.Engine.Initializers;

/// <summary>He et al. (2015): uniform with variance 2/fanIn.</summary>
public sealed class HeUniform() : VarianceScaling(2, FanMode.FanIn, ScalingDistribution.Uniform)
{
    /// <inheritdoc/>
    public override string Name => "he_uniform";
}
