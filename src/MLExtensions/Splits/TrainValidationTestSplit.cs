using Microsoft.ML;

namespace MLExtensions;

/// <summary>A training, a validation (for early stopping or tuning) and a test part of one data set.</summary>
public sealed class TrainValidationTestSplit
{
    public TrainValidationTestSplit(IDataView trainSet, IDataView validationSet, IDataView testSet)
    {
        TrainSet = trainSet ?? throw new ArgumentNullException(nameof(trainSet));
        ValidationSet = validationSet ?? throw new ArgumentNullException(nameof(validationSet));
        TestSet = testSet ?? throw new ArgumentNullException(nameof(testSet));
    }

    public IDataView TrainSet { get; }

    public IDataView ValidationSet { get; }

    public IDataView TestSet { get; }

    public void Deconstruct(out IDataView trainSet, out IDataView validationSet, out IDataView testSet)
    {
        trainSet = TrainSet;
        validationSet = ValidationSet;
        testSet = TestSet;
    }
}
