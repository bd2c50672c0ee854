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
    public static ClusterTextColumn Scalar(string name, DataKind kind, int index) => new(name, kind, index, index, isVector: false);

    /// <summary>A known-size vector column from text fields <paramref name="minIndex"/> to <paramref name="maxIndex"/>, both included.</summary>
    public static ClusterTextColumn Vector(string name, DataKind kind, int minIndex, int maxIndex) => new(name, kind, minIndex, maxIndex, isVector: true);

    public string Name => NameValue;

    public DataKind Kind => KindValue;

    public int MinIndex => MinIndexValue;

    public int MaxIndex => MaxIndexValue;

    public bool IsVector => IsVectorValue;

    /// <summary>ML.NET's own description of this column.</summary>
    public TextLoader.Column ToTextLoaderColumn() => IsVector
        ? new TextLoader.Column(Name, Kind, MinIndex, MaxIndex)
        : new TextLoader.Column(Name, Kind, MinIndex);

    public override string ToString() => IsVector ? $"{Name}:{Kind}:{MinIndex}-{MaxIndex}" : $"{Name}:{Kind}:{MinIndex}";
}
