namespace Interop.Runtime.Tests.Processes;

/// <summary>What the operating system says about worker processes (Linux /proc), independent of the pool's own bookkeeping.</summary>
internal static class WorkerProcesses
{
    /// <summary>True while <paramref name="processId"/> exists and is not a zombie.</summary>
    public static bool IsRunning(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Live children of this process started as pool workers.</summary>
    public static IReadOnlyList<int> ChildrenOfThisProcess()
    {
        var me = Environment.ProcessId;
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
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (parent == me && commandLine.Contains("--interop-worker", StringComparison.Ordinal))
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

    /// <summary>Waits (generously, for a loaded machine) until none of <paramref name="processIds"/> runs.</summary>
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
