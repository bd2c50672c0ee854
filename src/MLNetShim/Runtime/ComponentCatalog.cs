namespace Microsoft.ML.Runtime;

/// <summary>
/// ML.NET's registry of loadable components. The shim has no reflection-based loading, so this is an
/// empty placeholder that exists because <see cref="IHostEnvironment.ComponentCatalog"/> names it.
/// </summary>
public sealed class ComponentCatalog
{
    internal ComponentCatalog()
    {
    }
}
