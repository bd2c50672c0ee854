namespace MLExtensions.Engine.Initializers;

/// <summary>Which fan a <see cref="VarianceScaling"/> initializer divides its scale by.</summary>
public enum FanMode
{
    FanIn,
    FanOut,
    /// <summary>(fanIn + fanOut)/2, Glorot's compromise between the forward and backward passes.</summary>
    FanAverage,
}
