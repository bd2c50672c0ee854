using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML;

public abstract partial class TrainCatalogBase
{
    /// <summary>Base of the Trainers sub-catalogs that trainer extension methods hang off.</summary>
    public abstract class CatalogInstantiatorBase : IInternalCatalog
    {
        private protected CatalogInstantiatorBase(TrainCatalogBase catalog)
        {
            ArgumentNullException.ThrowIfNull(catalog);
            Owner = catalog;
        }

        internal TrainCatalogBase Owner { get; }

        IHostEnvironment IInternalCatalog.Environment => Owner.Environment;
    }
}
