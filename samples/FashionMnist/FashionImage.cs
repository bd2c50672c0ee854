using Microsoft.ML.Data;

namespace FashionMnist;

/// <summary>One image as the ML.NET pipeline reads it: 784 pixels scaled to [0, 1] and the class name.</summary>
internal sealed class FashionImage
{
    /// <summary>Fashion-MNIST's label order.</summary>
    public static readonly string[] ClassNames =
        { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" };

    [VectorType(784)]
    public float[] Features { get; set; } = Array.Empty<float>();

    public string Label { get; set; } = "";
}

internal sealed class FashionPrediction
{
    public string PredictedLabel { get; set; } = "";
}
