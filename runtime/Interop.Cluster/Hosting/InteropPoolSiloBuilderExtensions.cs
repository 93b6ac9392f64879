using Interop.Runtime.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Interop.Cluster.Hosting;

/// <summary>Makes a silo a node of an Interop cluster pool.</summary>
public static class InteropPoolSiloBuilderExtensions
{
    /// <summary>
    /// Hosts a local <see cref="ProcessPool"/> in this silo (started with the silo, its workers killed with
    /// it) that runs the chunks <see cref="ClusterPool"/> places here. <paramref name="registry"/> is the
    /// same registry the program's workers serve: the silo's own executable is the worker by default
    /// (<see cref="WorkerCommand.CurrentApp"/>), so its <c>Main</c> must start with
    /// <c>if (ProcessWorker.IsWorkerInvocation(args)) return ProcessWorker.Run(registry);</c>.
    /// </summary>
    /// <param name="builder">The silo.</param>
    /// <param name="registry">The tasks this node can run: its workers serve them (the silo process itself only passes encoded chunks through).</param>
    /// <param name="options">The local pool; <see cref="PoolOptions.WorkerCount"/> defaults to this machine's cores.</param>
    public static ISiloBuilder AddInteropPool(this ISiloBuilder builder, TaskRegistry registry, PoolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registry);
        var pool = options ?? new PoolOptions();
        builder.Services.AddSingleton(sp => new SiloPool(pool, sp.GetRequiredService<ILocalSiloDetails>()));
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SiloPool>());
        return builder;
    }
}
