using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// A training part and a test part of one data set (ML.NET's own <c>TrainTestData</c> cannot be built outside
/// ML.NET). The parts made by MLExtensions' splits are views over the data, not copies.
/// </summary>
public sealed class TrainTestSplit
{
    public TrainTestSplit(IDataView trainSet, IDataView testSet)
    {
        TrainSet = trainSet ?? throw new ArgumentNullException(nameof(trainSet));
        TestSet = testSet ?? throw new ArgumentNullException(nameof(testSet));
    }

    public IDataView TrainSet { get; }

    public IDataView TestSet { get; }

    public void Deconstruct(out IDataView trainSet, out IDataView testSet)
    {
        trainSet = TrainSet;
        testSet = TestSet;
    }
}
