using System.Diagnostics;

namespace MLExtensions.Engine.Training;

/// <summary>
/// Where the steps of a <see cref="MiniBatchTrainer"/> spend their time, phase by phase, accumulated while it is attached
/// (<see cref="MiniBatchTrainer.Phases"/>). The training benchmark prints it beside the time of the step's matrix products
/// alone, to show how far an epoch is from its GEMM-bound time and which phase to shorten. Timestamps only: attaching it
/// allocates nothing per step, and a detached trainer pays one null check per phase.
/// </summary>
internal sealed class StepPhaseTimes
{
    /// <summary>The phases of one step, in the order they run.</summary>
    public enum Phase
    {
        /// <summary>Copying the shuffled batch's rows into contiguous buffers (and summing its weights).</summary>
        Gather,

        /// <summary>The layers' forward passes: products, biases, activations.</summary>
        Forward,

        /// <summary>The loss, its gradient and the training metric.</summary>
        Loss,

        /// <summary>
        /// The layers' backward passes: activation derivatives, products, bias sums; when the update runs inside the
        /// backward pass, also the dense layers' updates, which follow each finished block of their weight gradients.
        /// </summary>
        Backward,

        /// <summary>Weight penalties, gradient clipping and the divergence checks (only the penalties' values when the
        /// update runs inside the backward pass).</summary>
        Penalties,

        /// <summary>
        /// The optimizer's update of every parameter when it follows the backward pass; when it runs inside, the update of
        /// the layers updated whole (all but dense layers), their penalty gradients and every layer's constraints.
        /// </summary>
        Update,

        /// <summary>
        /// Constraints (max-norm) and marking the parameters changed; when the update runs inside the backward pass, the
        /// constraints are counted in <see cref="Update"/>, and this is the rest of the step after the last trainable layer's
        /// backward pass (the backward passes of frozen layers below it, and the marking).
        /// </summary>
        Constraints,
    }

    /// <summary>How many phases there are.</summary>
    public const int Count = (int)Phase.Constraints + 1;

    private readonly long[] _ticks = new long[Count];
    private long _last;

    /// <summary>Steps timed since the last <see cref="Reset"/>.</summary>
    public long Steps { get; private set; }

    /// <summary>Starts the clock for the phase that follows.</summary>
    public void Start() => _last = Stopwatch.GetTimestamp();

    /// <summary>Charges the time since the last mark to <paramref name="phase"/>, and restarts the clock.</summary>
    public void End(Phase phase)
    {
        long now = Stopwatch.GetTimestamp();
        _ticks[(int)phase] += now - _last;
        _last = now;
        if (phase == Phase.Constraints)
            Steps++;
    }

    /// <summary>The time charged to <paramref name="phase"/>.</summary>
    public TimeSpan this[Phase phase] => TimeSpan.FromSeconds((double)_ticks[(int)phase] / Stopwatch.Frequency);

    /// <summary>Forgets every charged time and step.</summary>
    public void Reset()
    {
        Array.Clear(_ticks);
        Steps = 0;
    }
}
