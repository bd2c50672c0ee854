namespace MLExtensions;

/// <summary>The four cells of the bias/variance table (Andrew Ng, "Machine Learning Yearning" and the Deep Learning Specialization).</summary>
public enum BiasVarianceCategory
{
    /// <summary>Training error close to human-level and validation error close to training error.</summary>
    Fine,

    /// <summary>Training error well above human-level (Bayes) error: the model underfits.</summary>
    HighBias,

    /// <summary>Validation error well above training error: the model overfits.</summary>
    HighVariance,

    /// <summary>Both gaps are large; <see cref="BiasVarianceDiagnosis.Focus"/> names the larger one, to work on first.</summary>
    HighBiasAndHighVariance,
}
