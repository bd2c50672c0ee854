namespace Microsoft.ML.Runtime;

/// <summary>
/// Internal in ML.NET too; it exists so MLContext's declared base list matches the real one. Only the
/// member the shim needs is declared.
/// </summary>
internal interface IHostEnvironmentInternal : IHostEnvironment
{
    int? Seed { get; }
}
