using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Layers;

/// <summary>
/// What a layer may use besides its inputs during one pass: the worker pool for its matrix products,
/// whether this is a training pass, and the random source that stochastic layers (dropout) draw from.
/// Inference passes never change a layer's state.
/// </summary>
public sealed class LayerContext
{
    /// <summary>A context for one forward or backward pass.</summary>
    /// <param name="pool">The workers for matrix products; <see langword="null"/> runs them on the calling thread.</param>
    /// <param name="training">Whether this is a training pass (dropout drops, batch normalization uses batch statistics).</param>
    /// <param name="random">The source stochastic layers draw from; required in training, unused at inference.</param>
    /// <exception cref="ArgumentNullException"><paramref name="training"/> is true and <paramref name="random"/> is <see langword="null"/>.</exception>
    public LayerContext(WorkerPool? pool, bool training, RandomSource? random = null)
    {
        if (training && random is null)
            throw new ArgumentNullException(nameof(random), "A training pass needs a random source.");
        Pool = pool;
        Training = training;
        Random = random;
    }

    /// <summary>The workers for matrix products; <see langword="null"/> for the calling thread alone.</summary>
    public WorkerPool? Pool { get; }

    /// <summary>Whether this is a training pass; false leaves every layer's state unchanged.</summary>
    public bool Training { get; }

    /// <summary>The random source of stochastic layers; never <see langword="null"/> in a training pass.</summary>
    public RandomSource? Random { get; }

    /// <summary>A context for an inference pass, without a random source.</summary>
    /// <param name="pool">The workers for matrix products; <see langword="null"/> (the default) for the calling thread.</param>
    public static LayerContext Inference(WorkerPool? pool = null) => new(pool, training: false);
}
