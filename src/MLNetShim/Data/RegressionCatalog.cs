using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>The regression catalog; only its Trainers sub-catalog is mirrored (no Evaluate/CrossValidate in the shim).</summary>
public sealed class RegressionCatalog : TrainCatalogBase
{
    internal RegressionCatalog(IHostEnvironment env)
        : base(env, nameof(RegressionCatalog))
    {
        Trainers = new RegressionTrainers(this);
    }

    public RegressionTrainers Trainers { get; }

    public sealed class RegressionTrainers : CatalogInstantiatorBase
    {
        internal RegressionTrainers(RegressionCatalog catalog)
            : base(catalog)
        {
        }
    }
}
