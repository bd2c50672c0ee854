using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>The multiclass classification catalog; only its Trainers sub-catalog is mirrored (no Evaluate/CrossValidate in the shim).</summary>
public sealed class MulticlassClassificationCatalog : TrainCatalogBase
{
    internal MulticlassClassificationCatalog(IHostEnvironment env)
        : base(env, nameof(MulticlassClassificationCatalog))
    {
        Trainers = new MulticlassClassificationTrainers(this);
    }

    public MulticlassClassificationTrainers Trainers { get; }

    public sealed class MulticlassClassificationTrainers : CatalogInstantiatorBase
    {
        internal MulticlassClassificationTrainers(MulticlassClassificationCatalog catalog)
            : base(catalog)
        {
        }
    }
}
