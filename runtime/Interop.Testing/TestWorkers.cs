using System.Reflection;
using Interop.Runtime.Processes;

namespace Interop.Testing;

/// <summary>
/// Worker commands for <see cref="ProcessPool"/>s created inside a test host. A test host's entry point
/// is not yours (VSTest's testhost under xunit v2; under xunit.v3 the test project is the executable, and
/// its Main is xunit's), so it cannot be re-launched as a worker; instead Interop.Testing's own worker host
/// is started with the test assembly's runtime configuration and dependency file, which both kinds of test
/// project have, and serves the <see cref="TaskRegistry"/> you name. A pool started in a test without it fails
/// at once with a message naming this class. The whole recipe is in Interop.Testing's README.
/// </summary>
/// <example>
/// <code>
/// await using var pool = await ProcessPool.StartAsync(new PoolOptions { Worker = TestWorkers.For(typeof(MyTasks)) });
/// </code>
/// </example>
public static class TestWorkers
{
    internal const string TasksArgument = "--interop-tasks";

    /// <summary>
    /// A worker that serves the registry held by <paramref name="tasksHolder"/>'s single public static
    /// <see cref="TaskRegistry"/> property or field.
    /// </summary>
    public static WorkerCommand For(Type tasksHolder)
    {
        ArgumentNullException.ThrowIfNull(tasksHolder);
        _ = FindRegistry(tasksHolder); // fail here, in the test, rather than in every worker
        return HostFor(tasksHolder.Assembly, [TasksArgument, tasksHolder.Assembly.GetName().Name!, tasksHolder.FullName!]);
    }

    /// <summary>The worker host running with <paramref name="testAssembly"/>'s dependencies.</summary>
    internal static WorkerCommand HostFor(Assembly testAssembly, IEnumerable<string> arguments)
    {
        var assemblyPath = testAssembly.Location;
        if (string.IsNullOrEmpty(assemblyPath))
        {
            throw new InvalidOperationException($"{testAssembly.GetName().Name} was not loaded from a file.");
        }

        var runtimeConfig = Path.ChangeExtension(assemblyPath, ".runtimeconfig.json");
        var deps = Path.ChangeExtension(assemblyPath, ".deps.json");
        if (!File.Exists(runtimeConfig))
        {
            throw new InvalidOperationException(
                $"{runtimeConfig} does not exist: worker processes borrow the runtime configuration of an executable or test project.");
        }

        var host = typeof(TestWorkers).Assembly.Location;
        return WorkerCommand.DotnetAssembly(host, runtimeConfig, File.Exists(deps) ? deps : null, arguments);
    }

    internal static TaskRegistry FindRegistry(Type holder)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
        var candidates = holder.GetProperties(flags).Where(p => p.PropertyType == typeof(TaskRegistry)).Select(p => p.GetValue(null))
            .Concat(holder.GetFields(flags).Where(f => f.FieldType == typeof(TaskRegistry)).Select(f => f.GetValue(null)))
            .ToList();
        return candidates is [TaskRegistry registry]
            ? registry
            : throw new ArgumentException(
                $"TestWorkers.For({holder.Name}): {holder} must have exactly one public static TaskRegistry property or field (found {candidates.Count}). " +
                $"Declare the tasks the test maps in it, e.g. public static TaskRegistry Registry {{ get; }} = new(MyTasks.Square, MyTasks.Parse);",
                nameof(holder));
    }
}
