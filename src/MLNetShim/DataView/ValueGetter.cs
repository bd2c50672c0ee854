namespace Microsoft.ML;

/// <summary>Getters write into a caller-owned slot so buffers (VBuffer, ReadOnlyMemory) can be reused row after row.</summary>
public delegate void ValueGetter<TValue>(ref TValue value);
