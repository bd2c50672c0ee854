namespace MLExtensions.Engine.Tests.Training;

/// <summary>IProgress that runs its handler at once on the reporting thread (Progress&lt;T&gt; posts it later).</summary>
internal sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly Action<T> _handler;

    public SynchronousProgress(Action<T> handler) => _handler = handler;

    public void Report(T value) => _handler(value);
}
