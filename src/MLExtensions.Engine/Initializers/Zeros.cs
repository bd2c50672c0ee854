using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Initializers;

/// <summary>All zeros: the usual bias initializer.</summary>
public sealed class Zeros() : Constant(0)
{
    /// <inheritdoc/>
    public override string Name => "zeros";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => new(Name);
}
