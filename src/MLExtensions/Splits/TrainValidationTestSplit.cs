using Microsoft.ML;

namespace MLExtensions;

/// <summary>A training, a validation (for early stopping or tuning) and a test part of one data set.</summary>
public sealed class TrainValidationTestSplit
{
    /// <summary>Groups three parts; the views are kept as given, not copied or checked against each other.</summary>
    /// <param name="trainSet">The part to train on.</param>
    /// <param name="validationSet">The part to validate on while training or tuning.</param>
    /// <param name="testSet">The part to evaluate the final model on.</param>
    /// <exception cref="ArgumentNullException">A part is null.</exception>
    public TrainValidationTestSplit(IDataView trainSet, IDataView validationSet, IDataView testSet)
    {
        TrainSet = trainSet ?? throw new ArgumentNullException(nameof(trainSet));
        ValidationSet = validationSet ?? throw new ArgumentNullException(nameof(validationSet));
        TestSet = testSet ?? throw new ArgumentNullException(nameof(testSet));
    }

    /// <summary>The part to train on.</summary>
    public IDataView TrainSet { get; }

    /// <summary>The part to validate on while training (early stopping) or tuning.</summary>
    public IDataView ValidationSet { get; }

    /// <summary>The part to evaluate the final model on.</summary>
    public IDataView TestSet { get; }

    /// <summary>Lets a split be taken apart as <c>var (train, validation, test) = split;</c>.</summary>
    /// <param name="trainSet"><see cref="TrainSet"/>.</param>
    /// <param name="validationSet"><see cref="ValidationSet"/>.</param>
    /// <param name="testSet"><see cref="TestSet"/>.</param>
    public void Deconstruct(out IDataView trainSet, out IDataView validationSet, out IDataView testSet)
    {
        trainSet = TrainSet;
        validationSet = ValidationSet;
        testSet = TestSet;
    }
}
