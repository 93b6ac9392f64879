using Interop.Runtime.Processes;

namespace Interop.Cluster.Tests;

/// <summary>
/// A barrier across processes for <see cref="ClusterTasks.AtBarrier"/>: tasks check in with their worker's pid
/// and wait until the test releases them. The test waits for a condition on the arrivals, never for a time.
/// </summary>
internal sealed class Barrier : IDisposable
{
    private readonly SharedValue<int> _release = SharedValue<int>.Create();
    private readonly SharedArray<int> _arrivals = SharedArray<int>.Create(4096);

    public IEnumerable<string> Arguments(int count) =>
        Enumerable.Range(0, count).Select(i => $"{_release.Name}|{_arrivals.Name}|{i}");

    /// <summary>Pids of the workers that have arrived so far.</summary>
    public IReadOnlySet<int> ArrivedWorkers()
    {
        var count = Math.Min(Volatile.Read(ref _arrivals[0]), _arrivals.Length - 1);
        return Enumerable.Range(1, count).Select(i => Volatile.Read(ref _arrivals[i])).Where(pid => pid != 0).ToHashSet();
    }

    /// <summary>Waits until <paramref name="condition"/> holds on the arrivals (bounded: a test must fail, not hang).</summary>
    public async Task WaitUntilAsync(Func<IReadOnlySet<int>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(150);
        while (!condition(ArrivedWorkers()))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}; arrived workers: {string.Join(", ", ArrivedWorkers())}.");
            }

            await Task.Delay(5);
        }
    }

    public void Release() => Volatile.Write(ref _release.Value, 1);

    public void Dispose()
    {
        Release();
        _release.Dispose();
        _arrivals.Dispose();
    }
}
