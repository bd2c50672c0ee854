using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>The binary classification catalog; only its Trainers sub-catalog is mirrored (no Evaluate/CrossValidate in the shim).</summary>
public sealed class BinaryClassificationCatalog : TrainCatalogBase
{
    internal BinaryClassificationCatalog(IHostEnvironment env)
        : base(env, nameof(BinaryClassificationCatalog))
    {
        Trainers = new BinaryClassificationTrainers(this);
    }

    public BinaryClassificationTrainers Trainers { get; }

    public sealed class BinaryClassificationTrainers : CatalogInstantiatorBase
    {
        internal BinaryClassificationTrainers(BinaryClassificationCatalog catalog)
            : base(catalog)
        {
        }
    }
}
