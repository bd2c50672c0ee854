using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>Base of the task catalogs. The environment is private protected, as in ML.NET.</summary>
public abstract partial class TrainCatalogBase : IInternalCatalog
{
    private protected TrainCatalogBase(IHostEnvironment env, string registrationName)
    {
        ArgumentNullException.ThrowIfNull(env);
        Environment = env;
        RegistrationName = registrationName;
    }

    private protected IHostEnvironment Environment { get; }

    private protected string RegistrationName { get; }

    IHostEnvironment IInternalCatalog.Environment => Environment;
}
