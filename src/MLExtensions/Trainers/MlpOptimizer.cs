namespace MLExtensions.Trainers;

/// <summary>The optimizers the trainers offer; their hyperparameters are fields of the trainer options.</summary>
public enum MlpOptimizer
{
    Adam,
    AdamW,
    Nadam,
    Adamax,
    Sgd,
    RmsProp,
    Adagrad,

    /// <summary>
    /// Full-batch L-BFGS for small data sets (scikit-learn's <c>solver="lbfgs"</c>): every iteration sees all rows,
    /// <c>NumberOfEpochs</c> caps the iterations, and batch size, learning rate, schedules and early stopping do
    /// not apply. Dropout is refused because the objective must be deterministic.
    /// </summary>
    Lbfgs,
}
