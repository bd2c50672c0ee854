namespace MLExtensions.Transforms;

/// <summary>Maps one row's values of a column (dense, one per slot) to their scaled values.</summary>
internal delegate void SlotTransform(ReadOnlySpan<float> source, Span<float> destination);

/// <summary>
/// What the shared scaling mapper needs to produce one output column: where it reads, its shape, the
/// per-slot function, and whether the result counts as normalized (forward scalings do, inverses do not).
/// </summary>
internal sealed record ColumnScaling(
    string OutputColumnName,
    string InputColumnName,
    int Size,
    bool IsVector,
    SlotTransform Apply,
    bool MarksNormalized);
