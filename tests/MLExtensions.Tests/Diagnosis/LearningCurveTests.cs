using Microsoft.ML;
using MLExtensions.Tests.CrossValidation;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Diagnosis;

public class LearningCurveTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void SizesDoubleUpToTheWholeTrainingSetAndErrorsAreFinite()
    {
        var data = SyntheticData.Binary(_ml, 200);
        var trainer = _ml.BinaryClassification.Trainers.Mlp(Fast.Binary(epochs: 8));
        var curve = LearningCurve.Compute(_ml, PredictionKind.BinaryClassification, trainer, data, minimumSize: 20, seed: 4);

        var sizes = curve.Points.Select(p => p.TrainingSize).ToArray();
        Assert.True(sizes.Length >= 3, curve.ToString());
        for (int i = 1; i < sizes.Length - 1; i++)
            Assert.InRange(sizes[i], 2 * sizes[i - 1] - 2, 2 * sizes[i - 1] + 2); // stratified subsets round per class
        Assert.Equal(160, sizes[^1]); // 80% of the rows; the rest validate
        Assert.All(curve.Points, p =>
        {
            Assert.InRange(p.TrainingError, 0, 1);
            Assert.InRange(p.ValidationError, 0, 1);
        });
        Assert.Contains("Verdict", curve.ToString());
    }

    [Fact]
    public void RegressionCurvesUseRmse()
    {
        var data = SyntheticData.Regression(_ml, 120);
        var split = _ml.Data.KFold(data, 4, seed: 1)[0];
        var trainer = _ml.Regression.Trainers.Mlp(Fast.Regression(epochs: 5));
        var curve = LearningCurve.Compute(_ml, PredictionKind.Regression, trainer, split.TrainSet, split.TestSet, minimumSize: 30, seed: 4);
        var sizes = curve.Points.Select(p => p.TrainingSize).ToArray();
        Assert.Equal(3, sizes.Length);
        Assert.InRange(sizes[0], 28, 32);
        Assert.InRange(sizes[1], 58, 62);
        Assert.Equal(90, sizes[2]);
        Assert.All(curve.Points, p => Assert.True(double.IsFinite(p.ValidationError) && p.ValidationError >= 0));
        Assert.Contains("RMSE", curve.ToString());
    }

    [Theory]
    [InlineData(0.10, 0.30, 0.05, 0.20, MoreDataVerdict.LikelyHelps)]
    [InlineData(0.10, 0.30, 0.08, 0.295, MoreDataVerdict.PlateauedWithGap)]
    [InlineData(0.20, 0.22, 0.20, 0.215, MoreDataVerdict.UnlikelyHelps)]
    public void TheVerdictReadsTheLastDoubling(double train1, double valid1, double train2, double valid2, MoreDataVerdict expected)
    {
        var points = new[] { new LearningCurvePoint(100, train1, valid1), new LearningCurvePoint(200, train2, valid2) };
        var (verdict, explanation) = LearningCurve.Judge(points, 0.05, 0.2);
        Assert.Equal(expected, verdict);
        Assert.Contains("200", explanation);
    }
}
