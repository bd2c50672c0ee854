using System.Collections.Immutable;
using Microsoft.ML.Transforms;

namespace MLExtensions.Transforms;

/// <summary>The per-slot scale and offset of an affine ML.NET normalizer's column, read through its public model parameters.</summary>
internal static class NormalizerParameters
{
    public static (float[] Scales, float[] Offsets) Read(NormalizingTransformer normalizer, int index, int size)
    {
        switch (normalizer.GetNormalizerModelParameters(index))
        {
            case NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> vector:
                return (Dense(vector.Scale, size, "scales"), vector.Offset.IsDefaultOrEmpty ? new float[size] : Dense(vector.Offset, size, "offsets"));
            case NormalizingTransformer.AffineNormalizerModelParameters<float> scalar:
                return (new[] { scalar.Scale }, new[] { scalar.Offset });
            case var other:
                throw new InvalidOperationException(
                    $"ML.NET's normalizer gave {other?.GetType().Name ?? "no parameters"} for column {index}, not the affine map MLExtensions expects; " +
                    "this version of Microsoft.ML behaves differently from the one MLExtensions was built against.");
        }
    }

    private static float[] Dense(ImmutableArray<float> values, int size, string what) =>
        values.Length == size ? values.ToArray()
            : throw new InvalidOperationException($"ML.NET's normalizer has {values.Length} {what} for a column of {size} slots.");
}
