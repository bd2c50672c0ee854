using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>Transform extension methods hang off this catalog and its sub-catalogs (only Conversion is mirrored).</summary>
public sealed class TransformsCatalog : IInternalCatalog
{
    internal TransformsCatalog(IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        Environment = env;
        Conversion = new ConversionTransforms(this);
    }

    public ConversionTransforms Conversion { get; }

    IHostEnvironment IInternalCatalog.Environment => Environment;

    internal IHostEnvironment Environment { get; }

    public sealed class ConversionTransforms : IInternalCatalog
    {
        internal ConversionTransforms(TransformsCatalog owner)
        {
            ArgumentNullException.ThrowIfNull(owner);
            Environment = owner.Environment;
        }

        IHostEnvironment IInternalCatalog.Environment => Environment;

        internal IHostEnvironment Environment { get; }
    }
}
