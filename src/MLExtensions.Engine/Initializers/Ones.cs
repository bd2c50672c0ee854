using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Initializers;

/// <summary>All ones, e.g. for a normalization layer's scale.</summary>
public sealed class Ones() : Constant(1)
{
    public override string Name => "ones";

    public override ComponentConfig GetConfig() => new(Name);
}
