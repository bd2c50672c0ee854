using Microsoft.ML.Data;

namespace MLExtensions.Tests.Support;

public sealed class BinaryRow
{
    [VectorType(2)] public float[] Features = new float[2];
    public bool Label;
}

public sealed class WeightedBinaryRow
{
    [VectorType(2)] public float[] Features = new float[2];
    public bool Label;
    public float Weight = 1f;
}

public sealed class BinaryPrediction
{
    public bool Label;
    public float Score;
    public float Probability;
    public bool PredictedLabel;
}

/// <summary>Only the features: what a user scores in production (no label column).</summary>
public sealed class FeaturesOnly
{
    [VectorType(2)] public float[] Features = new float[2];
}

public sealed class MulticlassRow
{
    [VectorType(2)] public float[] Features = new float[2];
    public string Label = "";
}

/// <summary>After MapValueToKey("Label") and MapKeyToValue("PredictedLabel"): the label is a key, the prediction the original string.</summary>
public sealed class MulticlassPrediction
{
    public uint Label;
    public float[] Score = Array.Empty<float>();
    public string PredictedLabel = "";
}

/// <summary>Raw output of the multiclass transformer, before MapKeyToValue.</summary>
public sealed class MulticlassKeyPrediction
{
    public float[] Score = Array.Empty<float>();
    public uint PredictedLabel;
}

public sealed class KeyLabelRow
{
    [VectorType(2)] public float[] Features = new float[2];
    [KeyType(3)] public uint Label;
}

public sealed class RegressionRow
{
    [VectorType(1)] public float[] Features = new float[1];
    public float Label;
}

public sealed class RegressionPrediction
{
    public float Label;
    public float Score;
}

public sealed class MultiTargetRow
{
    [VectorType(2)] public float[] Features = new float[2];
    [VectorType(2)] public float[] Label = new float[2];
}

public sealed class MultiTargetPrediction
{
    public float[] Label = Array.Empty<float>();
    public float[] Score = Array.Empty<float>();
}

/// <summary>Separate raw columns, for pipelines that Concatenate them into Features themselves.</summary>
public sealed class RawMulticlassRow
{
    public float X;
    public float Y;
    public string Label = "";
}

public sealed class RawMulticlassPrediction
{
    public float[] Score = Array.Empty<float>();
    public string PredictedLabel = "";
}
