namespace Interop.Runtime.Processes;

/// <summary>
/// The tasks a worker process can run, by name. A worker is started with one registry
/// (<see cref="ProcessWorker.Run"/>); a request for a name it does not hold fails that task with a
/// <see cref="WorkerTaskException"/>.
/// </summary>
public sealed class TaskRegistry
{
    private readonly Dictionary<string, WorkerTask> _tasks = new(StringComparer.Ordinal);

    /// <summary>Creates a registry holding <paramref name="tasks"/>.</summary>
    public TaskRegistry(params IEnumerable<WorkerTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var task in tasks)
        {
            Add(task);
        }
    }

    /// <summary>The registered tasks.</summary>
    public IEnumerable<WorkerTask> Tasks => _tasks.Values;

    /// <summary>Adds a task; names must be unique.</summary>
    public TaskRegistry Add(WorkerTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_tasks.TryAdd(task.Name, task))
        {
            throw new ArgumentException($"A task named '{task.Name}' is already registered.", nameof(task));
        }

        return this;
    }

    internal WorkerTask? Find(string name) => _tasks.GetValueOrDefault(name);
}
