using Microsoft.ML;

namespace MLExtensions.Transforms;

/// <summary>
/// Feature scaling for <c>mlContext.Transforms</c>. Inputs are float scalars or known-size float vectors;
/// outputs have the input's shape and keep its slot names. The fitted scalers run and save as ML.NET's own
/// normalizers, so a pipeline of ML.NET transforms and these saves with <c>mlContext.Model.Save</c>.
/// </summary>
public static class ScalingCatalog
{
    /// <summary>Standardizes <paramref name="inputColumnName"/> (default: <paramref name="outputColumnName"/>) to zero mean and unit variance per slot.</summary>
    public static StandardizingEstimator Standardize(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new StandardizingEstimator(catalog, new[] { (outputColumnName, inputColumnName ?? outputColumnName) });
    }

    /// <summary>Standardizes several columns, each fitted on its own input in the same pass over the data.</summary>
    public static StandardizingEstimator Standardize(this TransformsCatalog catalog, params (string OutputColumnName, string InputColumnName)[] columns)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new StandardizingEstimator(catalog, columns);
    }

    /// <summary>
    /// Maps each slot of <paramref name="inputColumnName"/> (default: <paramref name="outputColumnName"/>) from its
    /// training range onto [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="clip"/> clamps values
    /// outside the training range.
    /// </summary>
    public static MinMaxScalingEstimator ScaleMinMax(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        float min = 0, float max = 1, bool clip = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MinMaxScalingEstimator(catalog, new[] { (outputColumnName, inputColumnName ?? outputColumnName) }, min, max, clip);
    }

    /// <summary>Min-max scales several columns onto the same target range, fitted in one pass over the data.</summary>
    public static MinMaxScalingEstimator ScaleMinMax(this TransformsCatalog catalog, (string OutputColumnName, string InputColumnName)[] columns,
        float min = 0, float max = 1, bool clip = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MinMaxScalingEstimator(catalog, columns, min, max, clip);
    }
}
