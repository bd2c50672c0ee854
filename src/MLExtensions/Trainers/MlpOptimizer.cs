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
}
