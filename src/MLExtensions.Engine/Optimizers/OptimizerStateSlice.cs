namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// The per-parameter state buffers of an <see cref="Optimizer"/>, narrowed to the slice of parameters one
/// update call moves: slot k is the slice of the buffer named <c>StateNames[k]</c>. The optimizer passes it to
/// each slice's update explicitly, so slices of one step can run on several threads, each with its own view.
/// </summary>
public readonly ref struct OptimizerStateSlice
{
    private readonly float[][] _buffers;
    private readonly int _offset;

    internal OptimizerStateSlice(float[][] buffers, int offset, int length)
    {
        _buffers = buffers;
        _offset = offset;
        Length = length;
    }

    /// <summary>The number of state buffers (slots), as declared by the optimizer.</summary>
    public int SlotCount => _buffers.Length;

    /// <summary>The number of parameters in the slice; every slot has this length.</summary>
    public int Length { get; }

    /// <summary>The slice of the state buffer of <paramref name="slot"/>, writable.</summary>
    public Span<float> this[int slot] => _buffers[slot].AsSpan(_offset, Length);
}
