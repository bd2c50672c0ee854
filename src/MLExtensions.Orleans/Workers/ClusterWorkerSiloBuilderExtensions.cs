using Microsoft.Extensions.DependencyInjection;

namespace MLExtensions.Distributed;

/// <summary>Makes a silo an MLExtensions worker: <c>siloBuilder.AddMLExtensionsWorkers(d =&gt; d.Add(search).Add(pipeline))</c>.</summary>
public static class ClusterWorkerSiloBuilderExtensions
{
    /// <summary>Registers the definitions and the worker services on a silo; the worker of each silo is activated there
    /// when a client first runs something.</summary>
    /// <param name="builder">The silo's builder.</param>
    /// <param name="define">Registers the searches and estimators this silo can run by name; register the same ones on every
    /// silo. Called once, here.</param>
    /// <param name="configure">Optional: how many units the silo runs at once, how many data sets it keeps, how long a
    /// result waits for its client (<see cref="ClusterWorkerOptions"/>).</param>
    /// <returns><paramref name="builder"/>, to chain further configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="define"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="define"/> registers two definitions of one kind under one name.</exception>
    public static ISiloBuilder AddMLExtensionsWorkers(this ISiloBuilder builder, Action<ClusterDefinitions> define,
        Action<ClusterWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(define);
        var definitions = new ClusterDefinitions();
        define(definitions);
        var options = builder.Services.AddOptions<ClusterWorkerOptions>();
        if (configure is not null)
            options.Configure(configure);
        builder.Services.AddSingleton(definitions);
        builder.Services.AddSingleton<DataSetCache>();
        builder.Services.AddSingleton<UnitExecutor>();
        builder.Services.AddSingleton<UnitRunner>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<UnitRunner>());
        return builder;
    }
}
