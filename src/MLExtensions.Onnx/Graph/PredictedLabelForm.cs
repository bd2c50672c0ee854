namespace MLExtensions.Onnx.Graph;

/// <summary>How a multiclass model's <c>PredictedLabel</c> leaves the graph.</summary>
internal enum PredictedLabelForm
{
    /// <summary>The key as UInt32: class i is i + 1, 0 is a missing prediction (ML.NET's key convention).</summary>
    Key,

    /// <summary>The class value itself (its KeyValues entry), with a non-class value for a missing prediction.</summary>
    Value,
}
