namespace Interop.Runtime.Processes;

/// <summary>How a <see cref="ProcessPool"/> starts, runs and stops its workers.</summary>
public sealed class PoolOptions
{
    /// <summary>Number of worker processes; defaults to the number of cores.</summary>
    public int WorkerCount { get; init; } = Environment.ProcessorCount;

    /// <summary>The program started as a worker; defaults to <see cref="WorkerCommand.CurrentApp"/>.</summary>
    public WorkerCommand? Worker { get; init; }

    /// <summary>
    /// How long one task may run before its worker is killed and the task fails with a
    /// <see cref="TimeoutException"/>; <see cref="WorkerTask.Timeout"/> overrides it. Default: infinite.
    /// </summary>
    public TimeSpan TaskTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Replace a worker after it has completed this many tasks (0 = never), like Python's
    /// <c>maxtasksperchild</c>: bounds leaks and global state in native code. Counted in tasks and checked
    /// between chunks, so a worker finishes its current chunk first (Python counts a chunk as one task).
    /// </summary>
    public int MaxTasksPerWorker { get; init; }

    /// <summary>
    /// Workers kept started and connected ahead of need, so a recycled or crashed worker is replaced at once
    /// instead of after a program start in the middle of a map. Null (the default) keeps <see cref="WorkerCount"/>
    /// spares when <see cref="MaxTasksPerWorker"/> is set, since recycling then replaces workers all the time,
    /// and none otherwise. Python starts each replacement on demand.
    /// </summary>
    public int? SpareWorkers { get; init; }

    internal int EffectiveSpareWorkers => SpareWorkers ?? (MaxTasksPerWorker > 0 ? WorkerCount : 0);

    /// <summary>Whether crashed or timed-out tasks run again; defaults to <see cref="RetryPolicy.None"/>.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.None;

    /// <summary>
    /// Receives every line workers write to stdout and stderr. Null (the default) forwards them to this
    /// process's stdout and stderr, as <c>multiprocessing</c> children share the terminal.
    /// </summary>
    public Action<WorkerOutputLine>? WorkerOutput { get; init; }

    /// <summary>How long a worker may take to start and connect. Default: 30 seconds.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a worker asked to stop may take to exit before it is killed. Default: 5 seconds.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra environment variables for worker processes.</summary>
    public IReadOnlyDictionary<string, string>? EnvironmentVariables { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(WorkerCount, 1, nameof(WorkerCount));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTasksPerWorker, nameof(MaxTasksPerWorker));
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        ArgumentOutOfRangeException.ThrowIfNegative(SpareWorkers ?? 0, nameof(SpareWorkers));
        ArgumentOutOfRangeException.ThrowIfLessThan(Retry.MaxAttempts, 1, nameof(Retry));
        if (TaskTimeout <= TimeSpan.Zero && TaskTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(TaskTimeout), "A timeout must be positive or infinite.");
        }
    }
}
