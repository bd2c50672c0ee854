using Microsoft.ML;
using static MLExtensions.Tests.Splits.SplitTestData;

namespace MLExtensions.Tests.Splits;

public class SplitErrorTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void AMissingLabelColumnIsNamed()
    {
        var data = Load(_ml, Classes(5, 5));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.StratifiedTrainTestSplit(data, labelColumnName: "Target"));
        Assert.Contains("'Target'", error.Message);
        Assert.Contains("'Label'", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.StratifiedKFold(data, labelColumnName: "Target"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.StratifiedTrainValidationTestSplit(data, labelColumnName: "Target"));
    }

    [Fact]
    public void AnUnsupportedLabelTypeIsNamed()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new VectorLabelRow { Id = i }).ToList());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.StratifiedTrainTestSplit(data));
        Assert.Contains("'Label'", error.Message);
        Assert.Contains("Vector", error.Message);
    }

    [Fact]
    public void ANaNLabelIsReportedWithItsRow()
    {
        var labels = Enumerable.Range(0, 10).Select(i => i == 6 ? float.NaN : i).ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => _ml.Data.StratifiedTrainTestSplit(Load(_ml, labels)));
        Assert.Contains("Row 6", error.Message);
        Assert.Contains("NaN", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void TestFractionsOutsideTheOpenUnitIntervalAreRefused(double fraction)
    {
        var data = Load(_ml, Classes(5, 5));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.StratifiedTrainTestSplit(data, testFraction: fraction));
        Assert.Equal("testFraction", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.StratifiedTrainValidationTestSplit(data, validationFraction: fraction));
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.7, 0.4)]
    public void ThreeWayFractionsMustLeaveRowsForTraining(double validation, double test)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.Data.StratifiedTrainValidationTestSplit(Load(_ml, Classes(5, 5)), validation, test));
        Assert.Contains("sum < 1", error.Message);
    }

    [Fact]
    public void TooFewRowsForThePartsAreRefused()
    {
        Assert.Contains("1 row;", Assert.Throws<ArgumentException>(() => _ml.Data.StratifiedTrainTestSplit(Load(_ml, Classes(1)))).Message);
        Assert.Throws<ArgumentException>(() => _ml.Data.StratifiedTrainValidationTestSplit(Load(_ml, Classes(2))));
        Assert.Contains("at least 5", Assert.Throws<ArgumentException>(() => _ml.Data.StratifiedKFold(Load(_ml, Classes(4)), 5)).Message);
        Assert.Throws<ArgumentException>(() => _ml.Data.KFold(Load(_ml, Classes(4)), 5));
        Assert.Throws<ArgumentException>(() => _ml.Data.KFold(Load(_ml, Array.Empty<string>()), 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void FewerThanTwoFoldsAreRefused(int folds)
    {
        var data = Load(_ml, Classes(5, 5));

        Assert.Equal("numberOfFolds", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.StratifiedKFold(data, folds)).ParamName);
        Assert.Equal("numberOfFolds", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.KFold(data, folds)).ParamName);
    }

    [Fact]
    public void ZeroBinsAreRefused()
    {
        var data = Load(_ml, Enumerable.Range(0, 10).Select(i => (float)i));

        Assert.Equal("numberOfBins", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.StratifiedTrainTestSplit(data, numberOfBins: 0)).ParamName);
    }

    [Fact]
    public void NullArgumentsAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => _ml.Data.StratifiedTrainTestSplit(null!));
        Assert.Throws<ArgumentNullException>(() => _ml.Data.KFold(null!));
        Assert.Throws<ArgumentNullException>(() => new TrainTestSplit(null!, Load(_ml, Classes(1))));
    }
}
