namespace Microsoft.ML.Data;

/// <summary>Entry points for editing a <see cref="VBuffer{T}"/> in place, reusing its arrays when they are big enough.</summary>
public static class VBufferEditor
{
    public static VBufferEditor<T> CreateFromBuffer<T>(scoped ref VBuffer<T> destination)
        => destination.GetEditor();

    public static VBufferEditor<T> Create<T>(scoped ref VBuffer<T> destination, int newLogicalLength, int? valuesCount = null,
        int? maxValuesCapacity = null, bool keepOldOnResize = false, bool requireIndicesOnDense = false)
        => destination.GetEditor(newLogicalLength, valuesCount, maxValuesCapacity, keepOldOnResize, requireIndicesOnDense);
}
