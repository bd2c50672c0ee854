namespace MLExtensions.Engine.Initializers;

/// <summary>The distribution a <see cref="VarianceScaling"/> initializer draws from.</summary>
public enum ScalingDistribution
{
    /// <summary>A normal truncated at two standard deviations, widened so the variance stays scale/fan.</summary>
    TruncatedNormal,
    /// <summary>Uniform on [−√(3·scale/fan), √(3·scale/fan)].</summary>
    Uniform,
}
