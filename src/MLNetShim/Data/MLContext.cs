using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>
/// Entry point: owns the catalogs and is itself the root <see cref="IHostEnvironment"/> (implemented
/// explicitly, as in ML.NET, so those members stay off MLContext's own surface).
/// </summary>
public sealed class MLContext : IHostEnvironmentInternal
{
    private readonly LocalHost _root;
    private readonly int? _seed;

    public MLContext(int? seed = null)
    {
        _seed = seed;
        ComponentCatalog = new ComponentCatalog();
        _root = new LocalHost(string.Empty, seed, Dispatch, ComponentCatalog);
        BinaryClassification = new BinaryClassificationCatalog(this);
        MulticlassClassification = new MulticlassClassificationCatalog(this);
        Regression = new RegressionCatalog(this);
        Transforms = new TransformsCatalog(this);
        Model = new ModelOperationsCatalog(this);
        Data = new DataOperationsCatalog(this);
    }

    public event EventHandler<LoggingEventArgs>? Log;

    public BinaryClassificationCatalog BinaryClassification { get; }

    public MulticlassClassificationCatalog MulticlassClassification { get; }

    public RegressionCatalog Regression { get; }

    public TransformsCatalog Transforms { get; }

    public ModelOperationsCatalog Model { get; }

    public DataOperationsCatalog Data { get; }

    public ComponentCatalog ComponentCatalog { get; }

    int? IHostEnvironmentInternal.Seed => _seed;

    string IExceptionContext.ContextDescription => _root.ContextDescription;

    TException IExceptionContext.Process<TException>(TException ex) => _root.Process(ex);

    IHost IHostEnvironment.Register(string name, int? seed, bool? verbose) => _root.Register(name, seed, verbose);

    IChannel IChannelProvider.Start(string name) => _root.Start(name);

    IPipe<TMessage> IChannelProvider.StartPipe<TMessage>(string name) => _root.StartPipe<TMessage>(name);

    IProgressChannel IProgressChannelProvider.StartProgressChannel(string name) => _root.StartProgressChannel(name);

    private void Dispatch(string source, ChannelMessage message)
    {
        var log = Log;
        log?.Invoke(this, new LoggingEventArgs(message.Message, message.Kind, source));
    }
}
