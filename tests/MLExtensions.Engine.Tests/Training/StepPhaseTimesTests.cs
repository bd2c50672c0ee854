using System.Diagnostics;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Training;

public class StepPhaseTimesTests
{
    [Fact]
    public void AnAttachedClockCountsEveryStepOfAnEpochAndChargesNoMoreTimeThanTheEpochTook()
    {
        var data = TwoSpirals.Data(50, new RandomSource(3));
        using var trainer = new MiniBatchTrainer(SmallNetworks.TanhClassifier(hidden: 8, seed: 1), new SoftmaxCrossEntropyLoss(), new Adam(), batchSize: 16);
        var phases = new StepPhaseTimes();
        trainer.Phases = phases;

        long start = Stopwatch.GetTimestamp();
        trainer.TrainEpoch(data);
        TimeSpan epoch = Stopwatch.GetElapsedTime(start);

        // 100 rows in batches of 16: six full batches and one of 4.
        Assert.Equal(7, phases.Steps);
        var charged = Enumerable.Range(0, StepPhaseTimes.Count).Select(p => phases[(StepPhaseTimes.Phase)p]).Aggregate(TimeSpan.Zero, (a, b) => a + b);
        Assert.InRange(charged, TimeSpan.Zero, epoch);
        phases.Reset();
        Assert.Equal(0, phases.Steps);
        Assert.Equal(TimeSpan.Zero, phases[StepPhaseTimes.Phase.Forward]);
    }
}
