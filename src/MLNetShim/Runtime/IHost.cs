namespace Microsoft.ML.Runtime;

public interface IHost : IHostEnvironment
{
    Random Rand { get; }
}
