using System.Reflection;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Trainers;

public class CatalogDefaultsTests
{
    public static TheoryData<string, Type> SimpleOverloads => new()
    {
        { "binary", typeof(MlpBinaryTrainer.Options) },
        { "multiclass", typeof(MlpMulticlassTrainer.Options) },
        { "regression", typeof(MlpRegressionTrainer.Options) },
    };

    [Theory]
    [MemberData(nameof(SimpleOverloads))]
    public void SimpleOverloadsDefaultToTheOptionsDefaults(string task, Type optionsType)
    {
        var simple = typeof(MlpCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == "Mlp" && m.GetParameters().Any(p => p.Name == "numberOfEpochs")
                && m.ReturnType.Name.Contains(task, StringComparison.OrdinalIgnoreCase));
        var options = (MlpTrainerOptionsBase)Activator.CreateInstance(optionsType)!;
        var defaults = simple.GetParameters().ToDictionary(p => p.Name!, p => p.DefaultValue);

        Assert.Equal(options.NumberOfEpochs, defaults["numberOfEpochs"]);
        Assert.Equal(options.LearningRate, defaults["learningRate"]);
        Assert.Equal(options.LabelColumnName, defaults["labelColumnName"]);
        Assert.Equal(options.FeatureColumnName, defaults["featureColumnName"]);
    }
}
