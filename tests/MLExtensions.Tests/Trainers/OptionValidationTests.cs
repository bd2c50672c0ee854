using Microsoft.ML;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Schedules;
using MLExtensions.Engine.Training;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Trainers;

/// <summary>
/// Every invalid setting is refused when the trainer is created, before it has seen any data, by an exception whose
/// parameter is the option's name as the user wrote it.
/// </summary>
public class OptionValidationTests
{
    private readonly MLContext _ml = new(seed: 1);

    /// <summary>Each case: what the user did wrong, the option the error must name, and the mistake itself.</summary>
    public static TheoryData<string, string> SharedCases => new()
    {
        { "an empty label column name", "LabelColumnName" },
        { "a null feature column name", "FeatureColumnName" },
        { "an empty weight column name", "ExampleWeightColumnName" },
        { "no hidden layer sizes array", "HiddenLayerSizes" },
        { "a hidden layer of zero units", "HiddenLayerSizes[1]" },
        { "a null explicit layer", "Layers[0]" },
        { "dropout beside explicit layers", "DropoutRate" },
        { "batch normalization beside explicit layers", "BatchNormalization" },
        { "an undefined activation", "Activation" },
        { "an undefined initializer", "KernelInitializer" },
        { "a negative dropout rate", "DropoutRate" },
        { "a NaN dropout rate", "DropoutRate" },
        { "a dropout rate of 1", "DropoutRate" },
        { "zero epochs", "NumberOfEpochs" },
        { "a zero batch size", "BatchSize" },
        { "an undefined optimizer", "Optimizer" },
        { "a zero learning rate", "LearningRate" },
        { "a NaN learning rate", "LearningRate" },
        { "an infinite learning rate", "LearningRate" },
        { "a momentum of 1", "Momentum" },
        { "Nesterov without momentum", "Nesterov" },
        { "a negative beta1", "Beta1" },
        { "a beta2 of 1", "Beta2" },
        { "a zero epsilon", "Epsilon" },
        { "a negative weight decay", "WeightDecay" },
        { "a rho of 0", "Rho" },
        { "an undefined schedule unit", "ScheduleUnit" },
        { "a schedule and reduce-on-plateau together", "ReduceLearningRateOnPlateau" },
        { "a negative L1 penalty", "L1Regularization" },
        { "a NaN L2 penalty", "L2Regularization" },
        { "a zero max-norm", "MaxNorm" },
        { "an undefined early-stopping monitor", "EarlyStoppingMonitor" },
        { "a negative patience", "EarlyStoppingPatience" },
        { "a NaN minimum delta", "EarlyStoppingMinDelta" },
        { "a start epoch past the last epoch", "EarlyStoppingStartEpoch" },
        { "an infinite baseline", "EarlyStoppingBaseline" },
        { "a validation fraction of 1", "ValidationFraction" },
        { "a divergence factor of 1", "DivergenceFactor" },
        { "zero threads", "NumberOfThreads" },
        { "more threads than a worker pool runs", "NumberOfThreads" },
        { "L-BFGS with dropout", "DropoutRate" },
        { "L-BFGS with a dropout layer", "Layers" },
        { "L-BFGS with early stopping", "EarlyStopping" },
        { "L-BFGS with a schedule", "LearningRateSchedule" },
        { "L-BFGS with reduce-on-plateau", "ReduceLearningRateOnPlateau" },
        { "L-BFGS with max-norm", "MaxNorm" },
        { "L-BFGS with gradient clipping", "GradientClipping" },
        { "L-BFGS with diagnostics", "CollectDiagnostics" },
        { "L-BFGS with a validation fraction", "ValidationFraction" },
    };

    private static void Spoil(MlpTrainerOptionsBase o, string mistake)
    {
        switch (mistake)
        {
            case "an empty label column name": o.LabelColumnName = ""; break;
            case "a null feature column name": o.FeatureColumnName = null!; break;
            case "an empty weight column name": o.ExampleWeightColumnName = ""; break;
            case "no hidden layer sizes array": o.HiddenLayerSizes = null!; break;
            case "a hidden layer of zero units": o.HiddenLayerSizes = new[] { 4, 0 }; break;
            case "a null explicit layer": o.Layers = new MlpLayer[] { null! }; break;
            case "dropout beside explicit layers": o.Layers = new[] { MlpLayer.Dense(4) }; o.DropoutRate = 0.2f; break;
            case "batch normalization beside explicit layers": o.Layers = new[] { MlpLayer.Dense(4) }; o.BatchNormalization = true; break;
            case "an undefined activation": o.Activation = (ActivationKind)99; break;
            case "an undefined initializer": o.KernelInitializer = (InitializerKind)99; break;
            case "a negative dropout rate": o.DropoutRate = -0.1f; break;
            case "a NaN dropout rate": o.DropoutRate = float.NaN; break;
            case "a dropout rate of 1": o.DropoutRate = 1f; break;
            case "zero epochs": o.NumberOfEpochs = 0; break;
            case "a zero batch size": o.BatchSize = 0; break;
            case "an undefined optimizer": o.Optimizer = (MlpOptimizer)99; break;
            case "a zero learning rate": o.LearningRate = 0; break;
            case "a NaN learning rate": o.LearningRate = float.NaN; break;
            case "an infinite learning rate": o.LearningRate = float.PositiveInfinity; break;
            case "a momentum of 1": o.Momentum = 1; break;
            case "Nesterov without momentum": o.Nesterov = true; break;
            case "a negative beta1": o.Beta1 = -0.1f; break;
            case "a beta2 of 1": o.Beta2 = 1; break;
            case "a zero epsilon": o.Epsilon = 0; break;
            case "a negative weight decay": o.WeightDecay = -1; break;
            case "a rho of 0": o.Rho = 0; break;
            case "an undefined schedule unit": o.ScheduleUnit = (ScheduleUnit)7; break;
            case "a schedule and reduce-on-plateau together":
                o.LearningRateSchedule = new ExponentialDecay(10, 0.5f);
                o.ReduceLearningRateOnPlateau = new ReduceLearningRateOnPlateau();
                break;
            case "a negative L1 penalty": o.L1Regularization = -1e-3f; break;
            case "a NaN L2 penalty": o.L2Regularization = float.NaN; break;
            case "a zero max-norm": o.MaxNorm = 0; break;
            case "an undefined early-stopping monitor": o.EarlyStoppingMonitor = (MonitoredQuantity)9; break;
            case "a negative patience": o.EarlyStoppingPatience = -1; break;
            case "a NaN minimum delta": o.EarlyStoppingMinDelta = double.NaN; break;
            case "a start epoch past the last epoch": o.NumberOfEpochs = 10; o.EarlyStoppingStartEpoch = 10; break;
            case "an infinite baseline": o.EarlyStoppingBaseline = double.PositiveInfinity; break;
            case "a validation fraction of 1": o.ValidationFraction = 1; break;
            case "a divergence factor of 1": o.DivergenceFactor = 1; break;
            case "zero threads": o.NumberOfThreads = 0; break;
            case "more threads than a worker pool runs": o.NumberOfThreads = 1025; break;
            case "L-BFGS with dropout": o.Optimizer = MlpOptimizer.Lbfgs; o.DropoutRate = 0.1f; break;
            case "L-BFGS with a dropout layer": o.Optimizer = MlpOptimizer.Lbfgs; o.Layers = new[] { MlpLayer.Dense(4), MlpLayer.Dropout(0.1f) }; break;
            case "L-BFGS with early stopping": o.Optimizer = MlpOptimizer.Lbfgs; o.EarlyStopping = true; break;
            case "L-BFGS with a schedule": o.Optimizer = MlpOptimizer.Lbfgs; o.LearningRateSchedule = new ExponentialDecay(10, 0.5f); break;
            case "L-BFGS with reduce-on-plateau": o.Optimizer = MlpOptimizer.Lbfgs; o.ReduceLearningRateOnPlateau = new ReduceLearningRateOnPlateau(); break;
            case "L-BFGS with max-norm": o.Optimizer = MlpOptimizer.Lbfgs; o.MaxNorm = 3; break;
            case "L-BFGS with gradient clipping": o.Optimizer = MlpOptimizer.Lbfgs; o.GradientClipping = new GradientClippingOptions { ClipNorm = 1 }; break;
            case "L-BFGS with diagnostics": o.Optimizer = MlpOptimizer.Lbfgs; o.CollectDiagnostics = true; break;
            case "L-BFGS with a validation fraction": o.Optimizer = MlpOptimizer.Lbfgs; o.ValidationFraction = 0.2f; break;
            default: throw new ArgumentOutOfRangeException(nameof(mistake), mistake, "No such case.");
        }
    }

    [Theory]
    [MemberData(nameof(SharedCases))]
    public void EveryTrainerRefusesTheMistakeWhenCreatedNamingTheOption(string mistake, string option)
    {
        var binary = Fast.Binary();
        Spoil(binary, mistake);
        AssertRefused(() => _ml.BinaryClassification.Trainers.Mlp(binary), option);
        var multiclass = Fast.Multiclass();
        Spoil(multiclass, mistake);
        AssertRefused(() => _ml.MulticlassClassification.Trainers.Mlp(multiclass), option);
        var regression = Fast.Regression();
        Spoil(regression, mistake);
        AssertRefused(() => _ml.Regression.Trainers.Mlp(regression), option);
    }

    [Fact]
    public void TaskOptionsAreCheckedToo()
    {
        AssertRefused(() => _ml.BinaryClassification.Trainers.Mlp(With(Fast.Binary(), o => o.ClassWeights = new[] { 1f, 2f, 3f })), "ClassWeights.Length");
        AssertRefused(() => _ml.BinaryClassification.Trainers.Mlp(With(Fast.Binary(), o => o.ClassWeights = new[] { 1f, -2f })), "ClassWeights[1]");
        AssertRefused(() => _ml.BinaryClassification.Trainers.Mlp(With(Fast.Binary(), o => o.ClassWeights = new[] { 0f, 0f })), "ClassWeights");
        AssertRefused(() => _ml.BinaryClassification.Trainers.Mlp(With(Fast.Binary(), o => o.LabelSmoothing = 1f)), "LabelSmoothing");
        AssertRefused(() => _ml.MulticlassClassification.Trainers.Mlp(With(Fast.Multiclass(), o => o.ClassWeights = new[] { 1f, float.NaN })), "ClassWeights[1]");
        AssertRefused(() => _ml.MulticlassClassification.Trainers.Mlp(With(Fast.Multiclass(), o => o.LabelSmoothing = -0.1f)), "LabelSmoothing");
        AssertRefused(() => _ml.Regression.Trainers.Mlp(With(Fast.Regression(), o => o.Loss = (MlpRegressionTrainer.LossFunction)9)), "Loss");
        AssertRefused(() => _ml.Regression.Trainers.Mlp(With(Fast.Regression(), o => o.HuberDelta = 0)), "HuberDelta");
        Assert.Throws<ArgumentNullException>(() => _ml.BinaryClassification.Trainers.Mlp((MlpBinaryTrainer.Options)null!));
    }

    [Fact]
    public void AValidationMonitorWithoutValidationDataIsRefusedBeforeAnyRowIsRead()
    {
        var options = Fast.Binary();
        options.EarlyStopping = true;
        options.EarlyStoppingMonitor = MonitoredQuantity.ValidationLoss;
        var data = new CountingDataView(_ml.Data.LoadFromEnumerable(Trained.BinaryTrainRows));

        var error = Assert.Throws<ArgumentException>(() => _ml.BinaryClassification.Trainers.Mlp(options).Fit(data));
        Assert.Contains("EarlyStoppingMonitor", error.Message);
        Assert.Equal(0, data.CursorsOpened);
    }

    [Fact]
    public void LayerFactoriesNameTheirArguments()
    {
        Assert.Equal("units", Assert.Throws<ArgumentOutOfRangeException>(() => MlpLayer.Dense(0)).ParamName);
        Assert.Equal("activation", Assert.Throws<ArgumentOutOfRangeException>(() => MlpLayer.Dense(3, (ActivationKind)40)).ParamName);
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => MlpLayer.Dropout(1.5f)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => MlpLayer.BatchNormalization(momentum: 1f)).ParamName);
    }

    private static T With<T>(T options, Action<T> change)
    {
        change(options);
        return options;
    }

    private static void AssertRefused(Func<object> create, string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(option, error.ParamName);
        Assert.Contains(option, error.Message);
    }
}
