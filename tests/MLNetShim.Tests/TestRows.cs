using Microsoft.ML.Data;

namespace MLNetShim.Tests;

public sealed class ScalarRow
{
    public float F;
    public double D;
    public int I;
    public uint U;
    public long L;
    public bool B;
    public string Text { get; set; } = "";
}

public sealed class VectorRow
{
    [VectorType(3)]
    public float[] Features = Array.Empty<float>();

    public string[] Tokens = Array.Empty<string>();

    [ColumnName("Renamed")]
    public int Original;

    [KeyType(5)]
    public uint Category;

    [NoColumn]
    public int Ignored;
}

public sealed class LabelRow
{
    public string Label { get; set; } = "";
    public float A { get; set; }
    public float B { get; set; }
}

public sealed class KeyOut
{
    public uint LabelKey;
}

public sealed class FeaturesOut
{
    public float[] Features = Array.Empty<float>();
    public string Label = "";
}
