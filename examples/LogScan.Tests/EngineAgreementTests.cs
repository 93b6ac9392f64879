using System.Text;
using Interop.Runtime.Streaming;

namespace LogScan.Tests;

/// <summary>
/// Every engine (sequential, parallel, stream; mapped and buffered; tiny and default buffers and chunks)
/// with both kernels (managed, native through the generated bindings) must print what grep prints.
/// </summary>
public sealed class EngineAgreementTests(EdgeCaseFiles files) : IClassFixture<EdgeCaseFiles>
{
    public static readonly string[] Needles = ["ERROR", "E", "", "OR\r", "RRO", "ERRORERROR"];

    public static TheoryData<string, string> FilesAndNeedles()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in EdgeCaseFiles.Names)
        {
            foreach (var needle in Needles)
            {
                data.Add(name, needle);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FilesAndNeedles))]
    public async Task Every_engine_and_kernel_counts_what_grep_counts(string file, string needle)
    {
        var path = files.PathOf(file);
        var expected = await GrepOracle.CountAsync(path, needle);
        foreach (var (kernelName, matcher) in Kernels(needle))
        {
            foreach (var (engineName, count) in Engines(needle.Length))
            {
                Assert.True(expected == await count(path, matcher), $"{engineName} with the {kernelName} kernel disagrees with grep on {file} for '{needle}': expected {expected}");
            }
        }
    }

    [Fact]
    public async Task A_single_hundred_megabyte_line_is_counted_in_pieces_by_every_engine()
    {
        var path = Path.Combine(files.Directory, "hundred-megabytes.log");
        await using (var output = File.Create(path))
        {
            var filler = new byte[1 << 20];
            filler.AsSpan().Fill((byte)'x');
            for (var i = 0; i < 100; i++)
            {
                output.Write(filler);
            }

            output.Write("ERROR\nlast line without the needle"u8);
        }

        try
        {
            var expected = await GrepOracle.CountAsync(path, "ERROR");
            Assert.Equal(1, expected);
            foreach (var (kernelName, matcher) in Kernels("ERROR"))
            {
                foreach (var (engineName, options) in DefaultSizedEngines())
                {
                    Assert.True(expected == await Count(engineName, path, matcher, options), $"{engineName} with the {kernelName} kernel");
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<(string Name, ILineMatcher Matcher)> Kernels(string needle)
    {
        var bytes = Encoding.UTF8.GetBytes(needle);
        yield return ("managed", new ManagedLineMatcher(bytes));
        yield return ("native", new NativeLineMatcher(bytes));
    }

    /// <summary>Engine set-ups, most with buffers and chunks far smaller than the lines, to force every boundary path.</summary>
    private static IEnumerable<(string Name, Func<string, ILineMatcher, Task<long>> Count)> Engines(int needleLength)
    {
        var tightest = Math.Max(needleLength, 1) + 1;
        (string, LineScanOptions)[] setups =
        [
            ("sequential mapped", new LineScanOptions()),
            ("sequential mapped, 64-byte chunks", new LineScanOptions { ChunkSize = 64, BufferSize = 16 + needleLength }),
            ("sequential buffered, tightest buffer", new LineScanOptions { MemoryMapping = false, BufferSize = tightest }),
            ("sequential buffered, 4 KiB buffer", new LineScanOptions { MemoryMapping = false, BufferSize = 4096 }),
            ("stream, 7-byte reads past the needle", new LineScanOptions { BufferSize = needleLength + 7 }),
            ("parallel mapped, 1000-byte chunks", new LineScanOptions { ChunkSize = 1000, MaxDegreeOfParallelism = 3 }),
            ("parallel buffered, 777-byte chunks", new LineScanOptions { MemoryMapping = false, ChunkSize = 777, BufferSize = 64, MaxDegreeOfParallelism = 2 }),
            ("parallel stream, 64-byte blocks", new LineScanOptions { BufferSize = 64, MaxDegreeOfParallelism = 3 }),
            ("parallel stream, tightest blocks", new LineScanOptions { BufferSize = tightest, MaxDegreeOfParallelism = 2 }),
        ];
        foreach (var (name, options) in setups)
        {
            yield return (name, (path, matcher) => Count(name, path, matcher, options));
        }
    }

    private static IEnumerable<(string Name, LineScanOptions Options)> DefaultSizedEngines() =>
    [
        ("sequential mapped", new LineScanOptions()),
        ("sequential buffered", new LineScanOptions { MemoryMapping = false }),
        ("stream", new LineScanOptions()),
        ("parallel mapped", new LineScanOptions()),
        ("parallel buffered", new LineScanOptions { MemoryMapping = false }),
        ("parallel stream", new LineScanOptions()),
    ];

    private static async Task<long> Count(string engine, string path, ILineMatcher matcher, LineScanOptions options)
    {
        if (engine.StartsWith("sequential", StringComparison.Ordinal))
        {
            return StreamingLineCounter.Count(path, matcher, options);
        }

        if (engine.StartsWith("parallel stream", StringComparison.Ordinal))
        {
            await using var pipe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            return await ParallelLineCounter.CountAsync(pipe, matcher, options);
        }

        if (engine.StartsWith("parallel", StringComparison.Ordinal))
        {
            return ParallelLineCounter.Count(path, matcher, options);
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        return StreamingLineCounter.Count(stream, matcher, options);
    }
}
