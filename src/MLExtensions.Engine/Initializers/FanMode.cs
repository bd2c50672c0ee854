namespace MLExtensions.Engine.Initializers;

/// <summary>Which fan a <see cref="VarianceScaling"/> initializer divides its scale by.</summary>
public enum FanMode
{
    /// <summary>fanIn, the inputs of each unit: keeps the forward activations' variance (He, LeCun).</summary>
    FanIn,

    /// <summary>fanOut, the units: keeps the backward gradients' variance.</summary>
    FanOut,

    /// <summary>(fanIn + fanOut)/2, Glorot's compromise between the forward and backward passes.</summary>
    FanAverage,
}
