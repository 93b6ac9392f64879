using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;

namespace Interop.Runtime.Streaming;

/// <summary>
/// Counts the lines that contain a needle on several threads in constant memory. A regular file is cut
/// into line-aligned chunks (<see cref="LineChunker"/>) that a fixed number of workers pull one at a
/// time and read with positional reads into their own buffer; a pipe is read by one thread into
/// line-aligned blocks that a bounded <see cref="ParallelStage"/> hands to the workers.
/// </summary>
public static class ParallelLineCounter
{
    /// <summary>Counts the matching lines of the file at <paramref name="path"/>.</summary>
    public static long Count(string path, ILineMatcher matcher, LineScanOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return Count(handle, RandomAccess.GetLength(handle), matcher, options, cancellationToken);
    }

    /// <summary>Counts the matching lines of the first <paramref name="fileLength"/> bytes of a file.</summary>
    public static long Count(SafeFileHandle handle, long fileLength, ILineMatcher matcher, LineScanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(matcher);
        options ??= LineScanOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDegreeOfParallelism, nameof(options.MaxDegreeOfParallelism));
        var bufferSize = options.BufferSizeFor(matcher);
        var chunkSize = options.ChunkSize;
        var range = new FileChunk(0, fileLength);
        var chunks = LineChunker.ChunkCount(fileLength, chunkSize);
        using var map = FileChunkCounter.MapIfAllowed(handle, range, options);
        var workers = (int)Math.Min(options.MaxDegreeOfParallelism, Math.Max(chunks, 1));

        long total = 0;
        long nextChunk = -1;
        void Work()
        {
            var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
            try
            {
                long count = 0;
                long index;
                // Workers pull chunks as they finish, so a slow chunk does not hold the others up.
                while ((index = Interlocked.Increment(ref nextChunk)) < chunks)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var chunk = LineChunker.GetChunk(handle, range, chunkSize, index);
                    count += FileChunkCounter.Count(handle, map, chunk, matcher, buffer.AsSpan(0, bufferSize), options, cancellationToken);
                }

                Interlocked.Add(ref total, count);
            }
            catch
            {
                Volatile.Write(ref nextChunk, chunks); // stop the other workers too
                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        // Dedicated threads rather than Parallel.For: its partitioner may run two long workers one after the other.
        var helpers = new Task[workers - 1];
        for (var i = 0; i < helpers.Length; i++)
        {
            helpers[i] = Task.Factory.StartNew(Work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            Work();
        }
        finally
        {
            // Helpers read through the caller's handle: wait for them whatever happened here.
            Task.WhenAll(helpers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (helpers.FirstOrDefault(helper => helper.IsFaulted) is { } failed)
        {
            ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
        }

        return total;
    }

    /// <summary>
    /// Counts the matching lines of <paramref name="stream"/> (a pipe, standard input) on several threads:
    /// one reader cuts it into line-aligned blocks, workers count them. At most about two blocks per
    /// worker exist at any time.
    /// </summary>
    public static async Task<long> CountAsync(Stream stream, ILineMatcher matcher, LineScanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(matcher);
        options ??= LineScanOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDegreeOfParallelism, nameof(options.MaxDegreeOfParallelism));
        var bufferSize = options.BufferSizeFor(matcher);
        var straddling = new StrongBox<long>();

        long total = 0;
        var counts = ReadLineBlocksAsync(stream, matcher, bufferSize, straddling, cancellationToken)
            .SelectParallel(
                (block, _) =>
                {
                    try
                    {
                        var count = matcher.CountMatchingLines(block.Lines);
                        options.Progress?.Advance(block.BytesRead);
                        return ValueTask.FromResult(count);
                    }
                    finally
                    {
                        block.Dispose();
                    }
                },
                options.MaxDegreeOfParallelism);
        await foreach (var count in counts.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            total += count;
        }

        return total + straddling.Value;
    }

    private static async IAsyncEnumerable<LineBlock> ReadLineBlocksAsync(
        Stream stream, ILineMatcher matcher, int bufferSize, StrongBox<long> straddling,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tracker = new StraddlingLineTracker();
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            while (true)
            {
                var carry = tracker.CarryLength;
                var read = await stream.ReadAtLeastAsync(buffer.AsMemory(carry, bufferSize - carry), bufferSize - carry, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                var lines = tracker.TakeWholeLines(buffer.AsSpan(0, carry + read), matcher);
                var next = ArrayPool<byte>.Shared.Rent(bufferSize);
                tracker.MoveCarry(buffer.AsSpan(0, carry + read), next);
                var block = new LineBlock(buffer, lines, read);
                buffer = next; // the block owns the old buffer now
                yield return block;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            straddling.Value = tracker.Matches;
        }
    }

    /// <summary>Whole lines in a pooled buffer, handed from the reader to a worker, which returns the buffer.</summary>
    private readonly struct LineBlock(byte[] buffer, Range lines, int bytesRead) : IDisposable
    {
        public ReadOnlySpan<byte> Lines => buffer.AsSpan()[lines];

        public int BytesRead => bytesRead;

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }
}
