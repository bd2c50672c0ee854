namespace MLExtensions.Engine.Initializers;

/// <summary>The kernel initializers an options type can name without parameters (Keras's defaults for each); see
/// <see cref="Initializer.FromKind"/>.</summary>
public enum InitializerKind
{
    /// <summary><see cref="Initializers.GlorotUniform"/>, uniform with variance 2/(fanIn + fanOut); Keras' default kernel initializer.</summary>
    GlorotUniform,

    /// <summary><see cref="Initializers.GlorotNormal"/>, truncated normal with variance 2/(fanIn + fanOut).</summary>
    GlorotNormal,

    /// <summary><see cref="Initializers.HeUniform"/>, uniform with variance 2/fanIn.</summary>
    HeUniform,

    /// <summary><see cref="Initializers.HeNormal"/>, truncated normal with variance 2/fanIn.</summary>
    HeNormal,

    /// <summary><see cref="Initializers.LecunUniform"/>, uniform with variance 1/fanIn.</summary>
    LecunUniform,

    /// <summary><see cref="Initializers.LecunNormal"/>, truncated normal with variance 1/fanIn.</summary>
    LecunNormal,

    /// <summary><see cref="Initializers.Orthogonal"/> with gain 1.</summary>
    Orthogonal,

    /// <summary><see cref="Initializers.TruncatedNormal"/> with mean 0 and stddev 0.05.</summary>
    TruncatedNormal,

    /// <summary><see cref="Initializers.RandomNormal"/> with mean 0 and stddev 0.05.</summary>
    RandomNormal,

    /// <summary><see cref="Initializers.RandomUniform"/> in [−0.05, 0.05).</summary>
    RandomUniform,
}
