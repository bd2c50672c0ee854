using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// A training part and a test part of one data set (ML.NET's own <c>TrainTestData</c> cannot be built outside
/// ML.NET). The parts made by MLExtensions' splits are views over the data, not copies.
/// </summary>
public sealed class TrainTestSplit
{
    /// <summary>Pairs two parts; the views are kept as given, not copied or checked against each other.</summary>
    /// <param name="trainSet">The part to train on.</param>
    /// <param name="testSet">The part to evaluate on.</param>
    /// <exception cref="ArgumentNullException">A part is null.</exception>
    public TrainTestSplit(IDataView trainSet, IDataView testSet)
    {
        TrainSet = trainSet ?? throw new ArgumentNullException(nameof(trainSet));
        TestSet = testSet ?? throw new ArgumentNullException(nameof(testSet));
    }

    /// <summary>The part to train on.</summary>
    public IDataView TrainSet { get; }

    /// <summary>The part to evaluate on.</summary>
    public IDataView TestSet { get; }

    /// <summary>Lets a split be taken apart as <c>var (train, test) = split;</c>.</summary>
    /// <param name="trainSet"><see cref="TrainSet"/>.</param>
    /// <param name="testSet"><see cref="TestSet"/>.</param>
    public void Deconstruct(out IDataView trainSet, out IDataView testSet)
    {
        trainSet = TrainSet;
        testSet = TestSet;
    }
}
