namespace Interop.Tests.Shared;

/// <summary>What Linux's /proc says about pool workers, independent of any pool's bookkeeping (shared by the runtime's and the cluster's tests).</summary>
internal static class WorkerProcesses
{
    /// <summary>True while <paramref name="processId"/> exists and is not a zombie.</summary>
    public static bool IsRunning(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Live pool workers (command line has --interop-worker) whose parent is <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> WorkersOf(int parent)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || !IsRunning(pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var parentId = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
                if (parentId == parent && File.ReadAllText(Path.Combine(directory, "cmdline")).Contains("--interop-worker", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }

        return found;
    }

    /// <summary>Live pool workers started by this process.</summary>
    public static IReadOnlyList<int> ChildrenOfThisProcess() => WorkersOf(Environment.ProcessId);

    /// <summary>Those of <paramref name="processIds"/> still running once they all ended or <paramref name="patience"/> ran out.</summary>
    public static async Task<IReadOnlyList<int>> StillRunningAfterAsync(IEnumerable<int> processIds, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var running = processIds.Where(IsRunning).ToList();
            if (running.Count == 0 || DateTime.UtcNow > deadline)
            {
                return running;
            }

            await Task.Delay(20);
        }
    }
}
