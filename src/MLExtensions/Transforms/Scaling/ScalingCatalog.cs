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
    /// <param name="catalog">The transforms catalog of an <c>MLContext</c> (<c>mlContext.Transforms</c>).</param>
    /// <param name="outputColumnName">The column to write: Single or a known-size vector of Single, as the input.</param>
    /// <param name="inputColumnName">The column to read; null means <paramref name="outputColumnName"/>.</param>
    /// <returns>An estimator that fits the means and deviations in one pass.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is null or empty, or an output column is named twice.</exception>
    public static StandardizingEstimator Standardize(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new StandardizingEstimator(catalog, new[] { (outputColumnName, inputColumnName ?? outputColumnName) });
    }

    /// <summary>Standardizes several columns, each fitted on its own input in the same pass over the data.</summary>
    /// <param name="catalog">The transforms catalog of an <c>MLContext</c> (<c>mlContext.Transforms</c>).</param>
    /// <param name="columns">The (output, input) column pairs; at least one.</param>
    /// <returns>An estimator that fits the means and deviations in one pass.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="columns"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is empty, a column name is empty, or an output column
    /// is named twice.</exception>
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
    /// <param name="catalog">The transforms catalog of an <c>MLContext</c> (<c>mlContext.Transforms</c>).</param>
    /// <param name="outputColumnName">The column to write: Single or a known-size vector of Single, as the input.</param>
    /// <param name="inputColumnName">The column to read; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="min">The low end of the target range; finite. Default 0.</param>
    /// <param name="max">The high end of the target range; finite and greater than <paramref name="min"/>. Default 1.</param>
    /// <param name="clip">Clamp the outputs to [<paramref name="min"/>, <paramref name="max"/>]. Default false.</param>
    /// <returns>An estimator that fits each slot's range in one pass.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is null or empty, or an output column is named twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target range is not finite or <paramref name="min"/> ≥ <paramref name="max"/>.</exception>
    public static MinMaxScalingEstimator ScaleMinMax(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        float min = 0, float max = 1, bool clip = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MinMaxScalingEstimator(catalog, new[] { (outputColumnName, inputColumnName ?? outputColumnName) }, min, max, clip);
    }

    /// <summary>Min-max scales several columns onto the same target range, fitted in one pass over the data.</summary>
    /// <param name="catalog">The transforms catalog of an <c>MLContext</c> (<c>mlContext.Transforms</c>).</param>
    /// <param name="columns">The (output, input) column pairs; at least one.</param>
    /// <param name="min">The low end of the target range; finite. Default 0.</param>
    /// <param name="max">The high end of the target range; finite and greater than <paramref name="min"/>. Default 1.</param>
    /// <param name="clip">Clamp the outputs to [<paramref name="min"/>, <paramref name="max"/>]. Default false.</param>
    /// <returns>An estimator that fits each slot's range in one pass.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="columns"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is empty, a column name is empty, or an output column
    /// is named twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target range is not finite or <paramref name="min"/> ≥ <paramref name="max"/>.</exception>
    public static MinMaxScalingEstimator ScaleMinMax(this TransformsCatalog catalog, (string OutputColumnName, string InputColumnName)[] columns,
        float min = 0, float max = 1, bool clip = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MinMaxScalingEstimator(catalog, columns, min, max, clip);
    }
}
