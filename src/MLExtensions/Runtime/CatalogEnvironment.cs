using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLExtensions.Runtime;

/// <summary>
/// The <see cref="MLContext"/>'s environment behind a catalog. ML.NET's own trainers take their seed and their log
/// channel from it, but catalogs keep it to themselves (<c>CatalogInstantiatorBase.Owner</c> is internal,
/// <c>TrainCatalogBase.Environment</c> private protected): this is the one place that reaches it, by reflection on
/// those two members, and it fails loudly, naming the ML.NET assembly, if a future ML.NET changes them.
/// </summary>
internal static class CatalogEnvironment
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    private static readonly PropertyInfo? OwnerProperty =
        typeof(TrainCatalogBase.CatalogInstantiatorBase).GetProperty("Owner", Instance);

    private static readonly PropertyInfo? EnvironmentProperty = typeof(TrainCatalogBase).GetProperty("Environment", Instance);

    /// <summary>The environment of the context whose <c>Trainers</c> catalog this is.</summary>
    public static IHostEnvironment Of(TrainCatalogBase.CatalogInstantiatorBase trainers)
    {
        ArgumentNullException.ThrowIfNull(trainers);
        var owner = Read(OwnerProperty, trainers, "TrainCatalogBase.CatalogInstantiatorBase.Owner") as TrainCatalogBase;
        return Of(owner ?? throw Changed("TrainCatalogBase.CatalogInstantiatorBase.Owner returned no catalog"));
    }

    /// <summary>The environment of the context this task catalog (<c>mlContext.BinaryClassification</c>, ...) belongs to.</summary>
    public static IHostEnvironment Of(TrainCatalogBase catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Read(EnvironmentProperty, catalog, "TrainCatalogBase.Environment") as IHostEnvironment
               ?? throw Changed("TrainCatalogBase.Environment returned no IHostEnvironment");
    }

    private static object? Read(PropertyInfo? property, object target, string member)
    {
        if (property is null)
            throw Changed($"{member} does not exist");
        try
        {
            return property.GetValue(target);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"Reading ML.NET's {member} failed: {e.InnerException.Message}", e.InnerException);
        }
    }

    private static InvalidOperationException Changed(string what) => new(
        $"MLExtensions reads the MLContext behind a catalog (for the seed and the log) through ML.NET internals, and {what} in " +
        $"{typeof(TrainCatalogBase).Assembly.FullName}. MLExtensions is built for Microsoft.ML 5.0.1.");
}
