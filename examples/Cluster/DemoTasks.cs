using Interop.Runtime.Processes;

namespace ClusterExample;

/// <summary>The work: declared once, served by every silo's workers, submitted by the client.</summary>
public static class DemoTasks
{
    /// <summary>Primes in [1000·n, 1000·(n+1)), after a 5 ms wait standing in for I/O. Idempotent, as re-run tasks must be.</summary>
    public static readonly WorkerTask<int, int> PrimesInBlock = new("primes-in-block", n =>
    {
        Thread.Sleep(5);
        return CountPrimes(n);
    });

    public static TaskRegistry Registry { get; } = new(PrimesInBlock);

    public static int CountPrimes(int block)
    {
        var count = 0;
        for (var x = Math.Max(2, block * 1000); x < (block + 1) * 1000; x++)
        {
            var prime = true;
            for (var d = 2; d * d <= x && prime; d++)
            {
                prime = x % d != 0;
            }

            count += prime ? 1 : 0;
        }

        return count;
    }
}
