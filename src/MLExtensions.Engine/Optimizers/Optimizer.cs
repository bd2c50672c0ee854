using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Schedules;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Updates a network's parameters from their gradients. The network keeps every parameter in one
/// contiguous buffer and every gradient in another of the same length, so an optimizer sees one span
/// pair and keeps its per-parameter state (moments, accumulators) as buffers of that same length,
/// allocated on the first <see cref="Update(Span{float}, ReadOnlySpan{float}, WorkerPool)"/>.
/// </summary>
/// <remarks>
/// Formulas and defaults follow Keras 3. Arithmetic is float, with per-step scalars (bias corrections,
/// schedules) computed in double and rounded once. Not thread-safe.
/// </remarks>
public abstract class Optimizer
{
    private readonly List<string> _stateNames = new();
    private readonly List<float> _stateInitialValues = new();
    private float[][]? _state;
    private float _learningRate;

    /// <summary>An optimizer starting at this learning rate.</summary>
    /// <param name="learningRate">The initial step size, finite and ≥ 0; becomes <see cref="LearningRate"/> and <see cref="InitialLearningRate"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, NaN or infinite.</exception>
    protected Optimizer(float learningRate)
    {
        LearningRate = learningRate;
        InitialLearningRate = learningRate;
    }

    /// <summary>
    /// The rate the next <see cref="Update(Span{float}, ReadOnlySpan{float}, WorkerPool)"/> uses. Zero is allowed (the end of a cosine or polynomial decay): the
    /// step then leaves the parameters where they are. With a <see cref="Schedule"/> the optimizer computes it
    /// itself and setting it throws: the schedule is its only writer. Without one, a caller may lower it between
    /// epochs (reduce-on-plateau does).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative, NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The value is set while a <see cref="Schedule"/> drives the rate.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0f) || !float.IsFinite(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and non-negative.");
            if (Schedule is not null)
                throw new InvalidOperationException(
                    "This optimizer's learning rate follows its schedule; it cannot also be set from outside.");
            _learningRate = value;
        }
    }

    /// <summary>The rate the optimizer was created with: where its <see cref="Schedule"/> starts.</summary>
    public float InitialLearningRate { get; }

    /// <summary>
    /// The schedule the learning rate follows, as a Keras optimizer owns its <c>learning_rate</c> schedule; null keeps
    /// the rate constant. Its step is the update count (<see cref="ScheduleUnit.Step"/>) or the epoch
    /// (<see cref="ScheduleUnit.Epoch"/>, advanced by <see cref="BeginEpoch"/>).
    /// </summary>
    public LearningRateSchedule? Schedule
    {
        get => _schedule;
        init
        {
            _schedule = value;
            if (value is not null)
                _learningRate = value.LearningRate(InitialLearningRate, 0);
        }
    }

    private readonly LearningRateSchedule? _schedule;

    /// <summary>What the <see cref="Schedule"/>'s step counts: updates (the default) or epochs.</summary>
    public ScheduleUnit ScheduleUnit { get; init; } = ScheduleUnit.Step;

    /// <summary>
    /// Tells an epoch-scheduled optimizer that epoch <paramref name="epoch"/> (0-based) begins, which sets the learning
    /// rate from the schedule; without an epoch schedule it does nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    public void BeginEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (_schedule is not null && ScheduleUnit == ScheduleUnit.Epoch)
            _learningRate = _schedule.LearningRate(InitialLearningRate, epoch);
    }

    /// <summary>Updates applied since construction or <see cref="Reset"/>.</summary>
    public long Iterations { get; private set; }

    /// <summary>Names of this optimizer's per-parameter state buffers, in a fixed order (may be empty).</summary>
    public IReadOnlyList<string> StateNames => _stateNames;

    /// <summary>Whether the state buffers exist, i.e. <see cref="Build"/> or <see cref="Update(Span{float}, ReadOnlySpan{float}, WorkerPool)"/> has run since the last reset.</summary>
    public bool IsBuilt => _state is not null;

    /// <summary>Length of the parameter buffer the state was built for; 0 before it is built.</summary>
    public int ParameterCount { get; private set; }

    /// <summary>
    /// Applies one step: <paramref name="parameters"/> is updated in place from <paramref name="gradients"/>.
    /// The first call sizes the state to the buffer; every later call must pass the same length. With a
    /// <paramref name="pool"/> the buffer is updated in chunks on its threads; every element's update is
    /// independent of the others, so the result is bitwise the same whatever the chunks and threads.
    /// </summary>
    /// <param name="parameters">The network's parameter buffer, updated in place.</param>
    /// <param name="gradients">The gradients, as long as <paramref name="parameters"/>.</param>
    /// <param name="pool">The workers to spread a large buffer over; <see langword="null"/> (the default) for the calling thread.</param>
    /// <exception cref="ArgumentException">The two buffers differ in length.</exception>
    /// <exception cref="InvalidOperationException">The state was built for another length; call <see cref="Reset"/> first.</exception>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradients, WorkerPool? pool = null)
    {
        CheckLengths(parameters, gradients);
        StartStep(parameters.Length);
        Span<Range> whole = stackalloc Range[] { new Range(0, parameters.Length) };
        ApplyStep(parameters, gradients, whole, pool);
    }

    /// <summary>
    /// One step that moves only the parameters inside <paramref name="ranges"/> (ascending, not overlapping):
    /// frozen layers are left out entirely, so neither momentum nor weight decay touches them. The state
    /// outside the ranges is kept for when those layers are unfrozen.
    /// </summary>
    /// <param name="parameters">The network's parameter buffer, updated in place inside <paramref name="ranges"/>.</param>
    /// <param name="gradients">The gradients, as long as <paramref name="parameters"/>.</param>
    /// <param name="ranges">The parts to update, ascending and disjoint, within the buffer.</param>
    /// <param name="pool">The workers to spread a large step over; <see langword="null"/> (the default) for the calling thread.</param>
    /// <exception cref="ArgumentException">The buffers differ in length, or the ranges are not ascending and disjoint.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A range lies outside the buffer.</exception>
    /// <exception cref="InvalidOperationException">The state was built for another length; call <see cref="Reset"/> first.</exception>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<Range> ranges, WorkerPool? pool = null)
    {
        CheckLengths(parameters, gradients);
        Build(parameters.Length);
        int previousEnd = 0;
        foreach (var range in ranges)
        {
            var (offset, length) = range.GetOffsetAndLength(parameters.Length);
            if (offset < previousEnd)
                throw new ArgumentException("The ranges must be ascending and must not overlap.", nameof(ranges));
            previousEnd = offset + length;
        }
        StartStep(parameters.Length);
        ApplyStep(parameters, gradients, ranges, pool);
    }

    private static void CheckLengths(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != gradients.Length)
            throw new ArgumentException(
                $"The gradient buffer has {gradients.Length} elements but the parameter buffer has {parameters.Length}.",
                nameof(gradients));
    }

    // Below this many parameters a step is too short to be worth waking other threads for.
    private const int ParallelThreshold = 1 << 15;
    private const int ChunkSize = 1 << 14;

    private (int Offset, int Length)[] _chunks = Array.Empty<(int, int)>();
    private UpdateWork? _work;

    /// <summary>
    /// Begins one step over a buffer of <paramref name="parameterCount"/> parameters: builds the state on first use, sets a
    /// step-scheduled learning rate, counts the step and lets the optimizer cache its per-step values. One or more
    /// <see cref="ApplyStep"/> calls then move the step's parts, which lets a trainer update each layer as soon as its
    /// gradient is ready; the result is the same as one <see cref="Update(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{Range}, WorkerPool)"/>
    /// over all the parts.
    /// </summary>
    internal void StartStep(int parameterCount)
    {
        Build(parameterCount);
        if (_schedule is not null && ScheduleUnit == ScheduleUnit.Step)
            _learningRate = _schedule.LearningRate(InitialLearningRate, Iterations);
        Iterations++;
        BeginStep(Iterations);
    }

    /// <summary>
    /// Moves the parameters inside <paramref name="ranges"/> (ascending, disjoint, checked by the caller) by the step
    /// <see cref="StartStep"/> began; each parameter is moved at most once per step.
    /// </summary>
    internal unsafe void ApplyStep(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<Range> ranges, WorkerPool? pool)
    {
        long total = 0;
        foreach (var range in ranges)
            total += range.GetOffsetAndLength(parameters.Length).Length;

        if (pool is null || pool.ThreadCount == 1 || total < ParallelThreshold)
        {
            foreach (var range in ranges)
            {
                var (offset, length) = range.GetOffsetAndLength(parameters.Length);
                if (length > 0)
                    ApplySlice(parameters.Slice(offset, length), gradients.Slice(offset, length), offset, Iterations);
            }
            return;
        }

        int count = 0;
        int capacity = (int)(total / ChunkSize) + ranges.Length + 1;
        if (_chunks.Length < capacity)
            _chunks = new (int, int)[capacity];
        foreach (var range in ranges)
        {
            var (offset, length) = range.GetOffsetAndLength(parameters.Length);
            for (int start = offset; start < offset + length; start += ChunkSize)
                _chunks[count++] = (start, Math.Min(ChunkSize, offset + length - start));
        }
        _work ??= new UpdateWork(this);
        fixed (float* p = parameters)
        fixed (float* g = gradients)
        {
            _work.Begin(p, g, Iterations);
            try
            {
                pool.Run(_work, count);
            }
            finally
            {
                _work.End();
            }
        }
    }

    /// <summary>One chunk of a parallel step; holds pointers only while <see cref="ApplyStep"/> keeps the buffers pinned.</summary>
    private sealed unsafe class UpdateWork : ParallelWork
    {
        private readonly Optimizer _owner;
        private float* _parameters;
        private float* _gradients;
        private long _step;

        public UpdateWork(Optimizer owner) => _owner = owner;

        public void Begin(float* parameters, float* gradients, long step)
        {
            _parameters = parameters;
            _gradients = gradients;
            _step = step;
        }

        public void End()
        {
            _parameters = null;
            _gradients = null;
        }

        public override void Execute(int index)
        {
            var (offset, length) = _owner._chunks[index];
            _owner.ApplySlice(new Span<float>(_parameters + offset, length), new ReadOnlySpan<float>(_gradients + offset, length), offset, _step);
        }
    }

    /// <summary>
    /// Runs <see cref="Apply"/> on one slice with the state narrowed to the same slice. Each call gets its own
    /// view of the state, so slices of one step can run on several threads at once.
    /// </summary>
    private void ApplySlice(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, long step) =>
        Apply(parameters, gradients, new OptimizerStateSlice(_state!, offset, parameters.Length), step);

    /// <summary>
    /// Called once per step, on the calling thread, before <see cref="Apply"/> runs on the step's slices
    /// (perhaps on several threads): the place for per-step values an optimizer caches between steps.
    /// </summary>
    protected virtual void BeginStep(long step)
    {
    }

    /// <summary>
    /// Allocates the state for a buffer of <paramref name="parameterCount"/> parameters, so it can be
    /// restored through <see cref="GetState"/> before the first update. Does nothing when already built
    /// for that length.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterCount"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The state is already built for another length.</exception>
    public void Build(int parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        if (_state is not null)
        {
            if (parameterCount != ParameterCount)
                throw new InvalidOperationException(
                    $"This optimizer's state was built for {ParameterCount} parameters, not {parameterCount}; call Reset() to reuse it for another buffer.");
            return;
        }

        var state = new float[_stateNames.Count][];
        for (int slot = 0; slot < state.Length; slot++)
        {
            state[slot] = new float[parameterCount];
            if (_stateInitialValues[slot] != 0f)
                state[slot].AsSpan().Fill(_stateInitialValues[slot]);
        }
        _state = state;
        ParameterCount = parameterCount;
    }

    /// <summary>Forgets all state and the iteration count, as if newly constructed (the learning rate stays).</summary>
    public void Reset()
    {
        _state = null;
        ParameterCount = 0;
        Iterations = 0;
    }

    /// <summary>
    /// The named state buffer, writable so a saved optimizer can be restored: build, copy each buffer of
    /// <see cref="StateNames"/> back, then <see cref="RestoreIterations"/>; the next update then matches the
    /// uninterrupted run bit for bit.
    /// </summary>
    /// <param name="name">One of <see cref="StateNames"/>.</param>
    /// <returns>The whole buffer, <see cref="ParameterCount"/> floats, element i belonging to parameter i.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The optimizer has no state of that name.</exception>
    /// <exception cref="InvalidOperationException">The state is not built yet.</exception>
    public Span<float> GetState(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int slot = _stateNames.IndexOf(name);
        if (slot < 0)
            throw new ArgumentException(
                $"{GetType().Name} has no state '{name}'. Its state is: {(_stateNames.Count == 0 ? "(none)" : string.Join(", ", _stateNames))}.",
                nameof(name));
        if (_state is null)
            throw new InvalidOperationException("The optimizer has no state yet: call Build(parameterCount) or Update first.");
        return _state[slot];
    }

    /// <summary>Sets <see cref="Iterations"/> when restoring a saved optimizer; bias corrections depend on it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is negative.</exception>
    public void RestoreIterations(long iterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        Iterations = iterations;
    }

    /// <summary>Name and hyperparameters; <see cref="FromConfig"/> rebuilds an equal optimizer (without state).</summary>
    public abstract ComponentConfig GetConfig();

    /// <summary>Names <see cref="FromConfig"/> accepts.</summary>
    public static IReadOnlyList<string> KnownNames { get; } =
        [Sgd.ConfigName, Adagrad.ConfigName, RmsProp.ConfigName, Adam.ConfigName, AdamW.ConfigName, Nadam.ConfigName, Adamax.ConfigName];

    /// <summary>
    /// Builds the optimizer a <see cref="GetConfig"/> described (names compare case-insensitively); parameters it
    /// lacks take the constructor's defaults. The schedule is not part of the config.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is unknown, or the config holds a key the optimizer does not take or a boolean other than 0/1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range.</exception>
    public static Optimizer FromConfig(ComponentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Name.ToLowerInvariant() switch
        {
            Sgd.ConfigName => Sgd.Create(config),
            Adagrad.ConfigName => Adagrad.Create(config),
            RmsProp.ConfigName => RmsProp.Create(config),
            Adam.ConfigName => Adam.Create(config),
            AdamW.ConfigName => AdamW.Create(config),
            Nadam.ConfigName => Nadam.Create(config),
            Adamax.ConfigName => Adamax.Create(config),
            _ => throw new ArgumentException(
                $"Unknown optimizer '{config.Name}'. Known optimizers: {string.Join(", ", KnownNames)}.", nameof(config)),
        };
    }

    /// <summary>
    /// One step over a slice; <paramref name="step"/> is 1-based and already counted in <see cref="Iterations"/>.
    /// <paramref name="state"/> holds the same slice of every state buffer, in the order they were declared with
    /// <see cref="AddState"/>. Slices of one step may run concurrently: an implementation touches only the spans it
    /// is given and changes no field of the optimizer (use <see cref="BeginStep"/> for that).
    /// </summary>
    protected abstract void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step);

    /// <summary>
    /// Declares a per-parameter state buffer; call from the constructor. Returns its slot in the
    /// <see cref="OptimizerStateSlice"/> that <see cref="Apply"/> receives.
    /// </summary>
    /// <param name="name">The buffer's name in <see cref="StateNames"/> and saved models.</param>
    /// <param name="initialValue">The value every element starts at (and returns to after <see cref="Reset"/>); default 0.</param>
    /// <exception cref="InvalidOperationException">The state is already built.</exception>
    protected int AddState(string name, float initialValue = 0f)
    {
        if (_state is not null)
            throw new InvalidOperationException("State must be declared before the optimizer is built.");
        _stateNames.Add(name);
        _stateInitialValues.Add(initialValue);
        return _stateNames.Count - 1;
    }

    // The concrete optimizers' shorthands for the shared config reading in ConfigParameters.
    private protected static void CheckParameters(ComponentConfig config, string name, params string[] allowed) =>
        ConfigParameters.Check(config, "optimizer", name, allowed);

    private protected static bool ReadBool(ComponentConfig config, string key, bool defaultValue) =>
        ConfigParameters.ReadBool(config, key, defaultValue);

    private protected static float ReadFloat(ComponentConfig config, string key, float defaultValue) =>
        ConfigParameters.ReadFloat(config, key, defaultValue);

    private protected static KeyValuePair<string, double> Entry(string key, float value) => ConfigParameters.Entry(key, value);

    private protected static KeyValuePair<string, double> Entry(string key, bool value) => ConfigParameters.Entry(key, value);

    // Hyperparameter checks shared by the concrete optimizers; each names the offending argument.
    private protected static float InUnitInterval(float value, string name, bool includeOne = false)
    {
        if (!(value >= 0f) || (includeOne ? value > 1f : value >= 1f))
            throw new ArgumentOutOfRangeException(name, value, includeOne ? "Must be in [0, 1]." : "Must be in [0, 1).");
        return value;
    }

    private protected static float NonNegative(float value, string name)
    {
        if (!(value >= 0f) || !float.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative and finite.");
        return value;
    }
}
