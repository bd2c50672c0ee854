using Microsoft.ML.Runtime;

namespace Microsoft.ML.Data;

/// <summary>
/// Internal in ML.NET as well: catalogs keep their environment out of the public surface, so outside code
/// (including MLExtensions) cannot recover an MLContext from a catalog.
/// </summary>
internal interface IInternalCatalog
{
    IHostEnvironment Environment { get; }
}
