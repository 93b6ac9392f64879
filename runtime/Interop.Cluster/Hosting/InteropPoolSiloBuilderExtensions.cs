using Interop.Runtime.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
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
    /// <para>Also sets resource-optimized placement's <c>LocalSiloPreferenceMargin</c> to 0 for this silo:
    /// chunks arrive from a coordinator through whichever silo is its gateway, and a margin in favour of that
    /// silo would keep the chunks there whenever the nodes look alike (several silos on one machine, or
    /// identical machines). A later <c>Configure&lt;ResourceOptimizedPlacementOptions&gt;</c> of yours wins.</para>
    /// </summary>
    /// <param name="builder">The silo.</param>
    /// <param name="registry">The tasks this node can run.</param>
    /// <param name="options">The local pool; <see cref="PoolOptions.WorkerCount"/> defaults to this machine's cores.</param>
    public static ISiloBuilder AddInteropPool(this ISiloBuilder builder, TaskRegistry registry, PoolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registry);
        var pool = options ?? new PoolOptions();
        builder.Services.AddSingleton(sp => new SiloPool(registry, pool, sp.GetRequiredService<ILocalSiloDetails>()));
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SiloPool>());
        builder.Configure<ResourceOptimizedPlacementOptions>(o => o.LocalSiloPreferenceMargin = 0);
        return builder;
    }
}
