namespace MLExtensions.Engine.Initializers;

/// <summary>The kernel initializers an options type can name without parameters (Keras's defaults for each); see
/// <see cref="Initializer.FromKind"/>.</summary>
public enum InitializerKind
{
    GlorotUniform,
    GlorotNormal,
    HeUniform,
    HeNormal,
    LecunUniform,
    LecunNormal,
    Orthogonal,
    TruncatedNormal,
    RandomNormal,
    RandomUniform,
}
