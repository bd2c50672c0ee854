using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Reliability;

/// <summary>
/// The stratified hold-out honours the requested fraction: in total (to the row) and per class (within one row of the
/// class's exact proportional share), never takes a class's last training row, and names the classes too small to split.
/// </summary>
public class StratifiedHoldOutTests
{
    /// <summary><paramref name="classes"/> classes of 3 to 6 rows each, interleaved.</summary>
    private static TrainingData ManySmallClasses(int classes)
    {
        var labels = new List<float>();
        for (int c = 0; c < classes; c++)
            for (int i = 0; i < 3 + c % 4; i++)
                labels.Add(c);
        var order = labels.OrderBy(l => (l * 7919) % 101).ThenBy(l => l).ToArray();
        return new TrainingData(Enumerable.Range(0, order.Length).Select(i => (float)i).ToArray(), 1, order, 1);
    }

    private static Dictionary<float, int> CountByClass(TrainingData data)
    {
        var counts = new Dictionary<float, int>();
        for (int row = 0; row < data.RowCount; row++)
        {
            float label = data.TargetsOf(row)[0];
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }
        return counts;
    }

    [Fact]
    public void ATenthOfThreeThousandSmallClassesHoldsOutATenthOfTheRows()
    {
        var data = ManySmallClasses(3_000);
        var split = HoldOut.Split(data, 0.1, stratify: true, new RandomSource(5));

        // The requested tenth, rounded to a row (the first version held out 23%: one row of every class).
        Assert.Equal((int)Math.Round(data.RowCount * 0.1), split.Validation.RowCount);
        Assert.Equal(data.RowCount, split.Training.RowCount + split.Validation.RowCount);

        var all = CountByClass(data);
        var held = CountByClass(split.Validation);
        var kept = CountByClass(split.Training);
        foreach (var (label, count) in all)
        {
            double exact = (double)count * split.Validation.RowCount / data.RowCount;
            int taken = held.GetValueOrDefault(label);
            Assert.True(Math.Abs(taken - exact) < 1, $"class {label}: {taken} held out of {count}, exact share {exact:F2}");
            Assert.True(kept.GetValueOrDefault(label) >= 1, $"class {label} lost every training row");
        }
    }

    [Fact]
    public void TheClassesTooSmallToReachTheValidationSetAreNamed()
    {
        var split = HoldOut.Split(ManySmallClasses(3_000), 0.1, stratify: true, new RandomSource(5));
        int absent = 3_000 - CountByClass(split.Validation).Count;
        Assert.NotNull(split.Note);
        Assert.StartsWith($"{absent} of 3000 classes are too small to be split by a validation fraction of 0.1", split.Note);
        Assert.Contains("rows)", split.Note);
    }

    [Fact]
    public void AClassOfOneRowStaysInTraining()
    {
        var labels = new float[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
        var data = new TrainingData(Enumerable.Range(0, 10).Select(i => (float)i).ToArray(), 1, labels, 1);
        var split = HoldOut.Split(data, 0.5, stratify: true, new RandomSource(1));
        Assert.Equal(1, CountByClass(split.Training)[1]);
        Assert.False(CountByClass(split.Validation).ContainsKey(1));
        Assert.Contains("class 1 (1 row)", split.Note);
    }

    [Fact]
    public void ClassesOfOneRowEachLeaveNoValidationSetAndSayWhatToDo()
    {
        var data = new TrainingData(Enumerable.Range(0, 5).Select(i => (float)i).ToArray(), 1, new float[] { 0, 1, 2, 3, 4 }, 1);
        var error = Assert.Throws<ArgumentException>(() => HoldOut.Split(data, 0.2, stratify: true, new RandomSource(1)));
        Assert.StartsWith("A stratified validation set of 0.2 of the rows cannot be held out of these 5 rows: no class has a row to spare", error.Message);
        Assert.Contains("set the validation fraction to 0", error.Message);
    }

    [Fact]
    public void ClassesLargeEnoughToSplitLeaveNoNote()
    {
        var labels = Enumerable.Range(0, 100).Select(i => (float)(i % 2)).ToArray();
        var split = HoldOut.Split(new TrainingData(new float[100], 1, labels, 1), 0.2, stratify: true, new RandomSource(1));
        Assert.Null(split.Note);
        Assert.Equal(10, CountByClass(split.Validation)[0]);
        Assert.Equal(10, CountByClass(split.Validation)[1]);
    }

    [Fact]
    public void TheSplitSharesTheDataInsteadOfCopyingIt()
    {
        var data = ManySmallClasses(300);
        var (training, validation) = HoldOut.Split(data, 0.2, stratify: true, new RandomSource(2));
        Assert.True(training.IsView);
        Assert.True(validation.IsView);
        for (int row = 0; row < validation.RowCount; row++)
        {
            int source = (int)validation.FeaturesOf(row)[0];
            Assert.Equal(data.Targets[source], validation.TargetsOf(row)[0]);
        }
    }
}
