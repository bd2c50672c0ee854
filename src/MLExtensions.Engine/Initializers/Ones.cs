using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Initializers;

/// <summary>All ones, e.g. for a normalization layer's scale.</summary>
public sealed class Ones() : Constant(1)
{
    /// <inheritdoc/>
    public override string Name => "ones";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => new(Name);
}
