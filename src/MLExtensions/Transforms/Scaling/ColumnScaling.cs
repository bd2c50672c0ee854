namespace MLExtensions.Transforms;

/// <summary>Maps one row's values of a column (dense, one per slot) to their scaled values.</summary>
internal delegate void SlotTransform(ReadOnlySpan<float> source, Span<float> destination);

/// <summary>
/// What the inverse scaling mapper needs to produce one output column: where it reads, its shape and the
/// per-slot function. (The forward scalings run as ML.NET's normalizers and need no mapper of ours.)
/// </summary>
internal sealed record ColumnScaling(
    string OutputColumnName,
    string InputColumnName,
    int Size,
    bool IsVector,
    SlotTransform Apply);
