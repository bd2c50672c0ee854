namespace MLExtensions.Transforms.Mapping;

/// <summary>
/// A mapper's outputs for a block of rows at once, for a <see cref="ReadAheadCursor"/>: the cursor moves its input over
/// the block's rows, calling <see cref="ReadRow"/> on each, then <see cref="StartBlock"/>; the getters compute the whole
/// block's outputs at their first call and serve the cursor's current row from them.
/// </summary>
internal abstract class RowBlockMapper : IDisposable
{
    /// <summary>Rows of a cursor's first block: a cursor that is read for a few rows reads ahead no more than this.</summary>
    public abstract int FirstBlockRows { get; }

    /// <summary>Rows a block holds at most; blocks double from <see cref="FirstBlockRows"/> up to this.</summary>
    public abstract int MaxBlockRows { get; }

    /// <summary>The input is on the row that becomes row <paramref name="index"/> of the block being read: read what the
    /// outputs depend on.</summary>
    public abstract void ReadRow(int index);

    /// <summary>The block just read holds <paramref name="rows"/> rows and replaces the one before.</summary>
    public abstract void StartBlock(int rows);

    /// <summary>One getter per output (null for inactive ones), serving the block's row <paramref name="currentRow"/> gives.</summary>
    public abstract Delegate?[] CreateGetters(IReadOnlyList<bool> activeOutputs, Func<int> currentRow);

    public virtual void Dispose()
    {
    }
}
