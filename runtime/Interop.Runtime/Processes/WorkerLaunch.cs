using CliWrap;

namespace Interop.Runtime.Processes;

/// <summary>
/// Starting one worker process and owning it until it is gone: the command line and environment it gets, its
/// stdout and stderr kept off the protocol (forwarded line by line, the last stderr lines remembered for
/// <see cref="CrashTriage"/>), its exit status, and killing it together with anything it started.
/// </summary>
internal sealed class WorkerLaunch
{
    public const int StandardErrorTailLines = 50;

    private readonly CancellationTokenSource _kill = new();
    private readonly Queue<string> _stderrTail = new();

    private WorkerLaunch(WorkerCommand command) => Command = command;

    public WorkerCommand Command { get; }

    public int ProcessId { get; private set; }

    /// <summary>The exit code as .NET reports it (128 + N for signal N); null when we killed it ourselves.</summary>
    public Task<int?> Exit { get; private set; } = Task.FromResult<int?>(null);

    /// <summary>Starts <paramref name="command"/> as a worker that will dial <paramref name="endpoint"/> with <paramref name="token"/>.</summary>
    public static WorkerLaunch Start(PoolOptions options, WorkerCommand command, string endpoint, string token, Action<WorkerOutputLine> output)
    {
        var launch = new WorkerLaunch(command);
        var environment = EnvironmentFor(options, endpoint, token, Environment.GetEnvironmentVariable);
        var cli = Cli.Wrap(command.TargetFilePath)
            .WithArguments([.. command.Arguments, ProcessWorker.WorkerArgument])
            .WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => output(new(launch.ProcessId, false, line))))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                launch.RememberStandardError(line);
                output(new(launch.ProcessId, true, line));
            }));

        var execution = cli.ExecuteAsync(launch._kill.Token);
        launch.ProcessId = execution.ProcessId;
        launch.Exit = ObserveExitAsync(execution.Task);
        return launch;
    }

    /// <summary>
    /// The variables a worker gets on top of this process's environment: the pool's endpoint and token, the pool's
    /// <see cref="JitWorkerSettings"/> where this process's environment does not set the same variable already (a
    /// user's <c>DOTNET_TieredPGO=1</c> in the shell reaches the workers), and <see cref="PoolOptions.EnvironmentVariables"/>
    /// over everything.
    /// </summary>
    internal static Dictionary<string, string?> EnvironmentFor(PoolOptions options, string endpoint, string token, Func<string, string?> inherited)
    {
        var environment = new Dictionary<string, string?>
        {
            [ProcessWorker.EndpointVariable] = endpoint,
            [ProcessWorker.TokenVariable] = token,
            // A crashing worker must not spend seconds writing a dump (even where the shell asks for dumps).
            ["DOTNET_DbgEnableMiniDump"] = "0",
        };
        foreach (var (name, value) in JitWorkerSettings)
        {
            if (string.IsNullOrEmpty(inherited(name)))
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in options.EnvironmentVariables ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>
    /// Settings for a JIT-compiled worker (ignored by Native AOT ones): a worker lives for a few tasks or a few
    /// million, so it starts on ReadyToRun code and quick JIT, and skips the instrumented tier (TieredPGO) whose
    /// pay-off comes long after a recycled worker has gone. A variable already set in this process's environment
    /// is left as it is, and <see cref="PoolOptions.EnvironmentVariables"/> overrides any of them.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> JitWorkerSettings { get; } = new Dictionary<string, string>
    {
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_TC_QuickJitForLoops"] = "1",
        ["DOTNET_ReadyToRun"] = "1",
        // Workers are many per machine: the workstation GC starts faster and keeps each one small.
        ["DOTNET_gcServer"] = "0",
    };

    public IReadOnlyList<string> StandardErrorTail()
    {
        lock (_stderrTail)
        {
            return [.. _stderrTail];
        }
    }

    /// <summary>Adds a line of the pool's own to the tail (why it killed the worker), so the crash report shows it.</summary>
    public void RememberStandardError(string line)
    {
        lock (_stderrTail)
        {
            if (_stderrTail.Count == StandardErrorTailLines)
            {
                _stderrTail.Dequeue();
            }

            _stderrTail.Enqueue(line);
        }
    }

    /// <summary>Kills the process tree without waiting.</summary>
    public void Kill()
    {
        try
        {
            _kill.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Kills the process tree and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_kill.IsCancellationRequested)
        {
            await _kill.CancelAsync().ConfigureAwait(false);
        }

        await Exit.ConfigureAwait(false);
    }

    private static async Task<int?> ObserveExitAsync(Task<CommandResult> execution)
    {
        try
        {
            return (await execution.ConfigureAwait(false)).ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null; // killed by us
        }
    }
}
