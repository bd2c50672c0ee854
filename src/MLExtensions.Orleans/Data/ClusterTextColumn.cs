using Microsoft.ML.Data;

namespace MLExtensions.Distributed;

/// <summary>
/// One column of a <see cref="ClusterDataSource"/> read from text: its name, its ML.NET type, and the text field (or the
/// inclusive range of fields, for a vector) it comes from, as ML.NET's <c>TextLoader.Column</c> says it. Unlike
/// ML.NET's own column type it can travel to the silos.
/// </summary>
[GenerateSerializer, Immutable, Alias("MLExtensions.Distributed.ClusterTextColumn")]
public sealed class ClusterTextColumn
{
    [Id(0)] internal string NameValue = "";
    [Id(1)] internal DataKind KindValue;
    [Id(2)] internal int MinIndexValue;
    [Id(3)] internal int MaxIndexValue;
    [Id(4)] internal bool IsVectorValue;

    internal ClusterTextColumn()
    {
    }

    private ClusterTextColumn(string name, DataKind kind, int minIndex, int maxIndex, bool isVector)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Column '{name}': unknown DataKind.");
        if (minIndex < 0)
            throw new ArgumentOutOfRangeException(nameof(minIndex), minIndex, $"Column '{name}': text field indices start at 0.");
        if (maxIndex < minIndex)
            throw new ArgumentOutOfRangeException(nameof(maxIndex), maxIndex, $"Column '{name}': the last field ({maxIndex}) comes before the first ({minIndex}).");
        NameValue = name;
        KindValue = kind;
        MinIndexValue = minIndex;
        MaxIndexValue = maxIndex;
        IsVectorValue = isVector;
    }

    /// <summary>A scalar column from text field <paramref name="index"/> (0-based).</summary>
    /// <param name="name">The column's name in the loaded data.</param>
    /// <param name="kind">The column's ML.NET type (Single, String, Boolean, ...).</param>
    /// <param name="index">The 0-based text field the value is read from.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value, or <paramref name="index"/> is negative.</exception>
    public static ClusterTextColumn Scalar(string name, DataKind kind, int index) => new(name, kind, index, index, isVector: false);

    /// <summary>A known-size vector column from text fields <paramref name="minIndex"/> to <paramref name="maxIndex"/>, both included.</summary>
    /// <param name="name">The column's name in the loaded data.</param>
    /// <param name="kind">The type of the vector's items (Single, String, Boolean, ...).</param>
    /// <param name="minIndex">The 0-based text field of the first item.</param>
    /// <param name="maxIndex">The 0-based text field of the last item; not before <paramref name="minIndex"/>.</param>
    /// <returns>The column, of <paramref name="maxIndex"/> − <paramref name="minIndex"/> + 1 items.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value,
    /// <paramref name="minIndex"/> is negative, or <paramref name="maxIndex"/> comes before it.</exception>
    public static ClusterTextColumn Vector(string name, DataKind kind, int minIndex, int maxIndex) => new(name, kind, minIndex, maxIndex, isVector: true);

    /// <summary>The column's name in the loaded data.</summary>
    public string Name => NameValue;

    /// <summary>The column's ML.NET type, or its items' type for a vector.</summary>
    public DataKind Kind => KindValue;

    /// <summary>The 0-based text field of the value, or of a vector's first item.</summary>
    public int MinIndex => MinIndexValue;

    /// <summary>The 0-based text field of a vector's last item; equal to <see cref="MinIndex"/> for a scalar.</summary>
    public int MaxIndex => MaxIndexValue;

    /// <summary>True for a vector column (made by <see cref="Vector"/>), even one of a single field.</summary>
    public bool IsVector => IsVectorValue;

    /// <summary>ML.NET's own description of this column.</summary>
    /// <returns>A <c>TextLoader.Column</c> with the same name, type and fields.</returns>
    public TextLoader.Column ToTextLoaderColumn() => IsVector
        ? new TextLoader.Column(Name, Kind, MinIndex, MaxIndex)
        : new TextLoader.Column(Name, Kind, MinIndex);

    /// <summary>The column in one line, "name:kind:index" or "name:kind:min-max", as <see cref="ClusterDataSource"/>'s
    /// description shows it.</summary>
    public override string ToString() => IsVector ? $"{Name}:{Kind}:{MinIndex}-{MaxIndex}" : $"{Name}:{Kind}:{MinIndex}";
}
