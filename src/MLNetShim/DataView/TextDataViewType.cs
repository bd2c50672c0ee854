namespace Microsoft.ML.Data;

/// <summary>Text columns carry <see cref="ReadOnlyMemory{T}"/> of char, never string, so slices avoid copies.</summary>
public sealed class TextDataViewType : PrimitiveDataViewType
{
    private TextDataViewType()
        : base(typeof(ReadOnlyMemory<char>))
    {
    }

    public static TextDataViewType Instance { get; } = new();

    public override bool Equals(DataViewType? other) => ReferenceEquals(this, other);

    public override string ToString() => "String";
}
