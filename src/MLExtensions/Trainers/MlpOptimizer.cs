namespace MLExtensions.Trainers;

/// <summary>The optimizers the trainers offer; their hyperparameters are fields of the trainer options.</summary>
public enum MlpOptimizer
{
    /// <summary>Adam (Kingma &amp; Ba): <c>LearningRate</c>, <c>Beta1</c>, <c>Beta2</c>, <c>Epsilon</c>, <c>AmsGrad</c>. The default.</summary>
    Adam,

    /// <summary>Adam with decoupled weight decay (Loshchilov &amp; Hutter): Adam's fields and <c>WeightDecay</c>.</summary>
    AdamW,

    /// <summary>Adam with Nesterov momentum (Dozat): <c>LearningRate</c>, <c>Beta1</c>, <c>Beta2</c>, <c>Epsilon</c>.</summary>
    Nadam,

    /// <summary>Adam with the infinity norm for the second moment: <c>LearningRate</c>, <c>Beta1</c>, <c>Beta2</c>, <c>Epsilon</c>.</summary>
    Adamax,

    /// <summary>Stochastic gradient descent: <c>LearningRate</c>, <c>Momentum</c>, <c>Nesterov</c>.</summary>
    Sgd,

    /// <summary>RMSProp: <c>LearningRate</c>, <c>Rho</c>, <c>Momentum</c>, <c>Epsilon</c>, <c>Centered</c>.</summary>
    RmsProp,

    /// <summary>AdaGrad: <c>LearningRate</c>, <c>Epsilon</c>.</summary>
    Adagrad,

    /// <summary>
    /// Full-batch L-BFGS for small data sets (scikit-learn's <c>solver="lbfgs"</c>): every iteration sees all rows,
    /// <c>NumberOfEpochs</c> caps the iterations and a line search chooses each step, so the batch size, the learning
    /// rate and the other optimizers' fields are not used, and no rows are held out for validation. Dropout, a learning-rate
    /// schedule, reduce-on-plateau, early stopping set to true, max-norm, gradient clipping and per-layer diagnostics are
    /// refused: the objective must be deterministic and the line search must see exact gradients.
    /// </summary>
    Lbfgs,
}
