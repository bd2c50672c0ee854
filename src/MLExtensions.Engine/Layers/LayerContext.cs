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
    public LayerContext(WorkerPool? pool, bool training, RandomSource? random = null)
    {
        if (training && random is null)
            throw new ArgumentNullException(nameof(random), "A training pass needs a random source.");
        Pool = pool;
        Training = training;
        Random = random;
    }

    public WorkerPool? Pool { get; }
    public bool Training { get; }
    public RandomSource? Random { get; }

    public static LayerContext Inference(WorkerPool? pool = null) => new(pool, training: false);
}
