using System.Text;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace Tour.Tests;

/// <summary>Runs the built tour as a real process, as <c>dotnet run --project examples/Tour</c> does, and reads its story back.</summary>
public sealed class TourRunTests
{
    private static readonly Lazy<Task<BufferedCommandResult>> Run = new(() => Cli.Wrap("dotnet")
        .WithArguments(["exec", Path.Combine(AppContext.BaseDirectory, "Tour.dll")])
        .WithValidation(CommandResultValidation.None)
        .ExecuteBufferedAsync(Encoding.UTF8, new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token)
        .Task);

    [Fact]
    public async Task The_tour_runs_to_the_end_and_says_so()
    {
        var result = await Run.Value;

        Assert.True(result.ExitCode == 0, $"the tour exited with {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
        Assert.Matches(@"^The tour took \d+\.\d s\.", Lines(result)[^1]);
        Assert.Equal(["1. Bind", "2. Mock", "3. Clean", "4. Stream", "5. Map"], Lines(result).Where(l => Regex.IsMatch(l, @"^\d\. ")).Select(l => l[..(l.IndexOf(' ', 3))]));
    }

    [Fact]
    public async Task Chapter_1_calls_the_C_core_through_the_generated_bindings()
    {
        var lines = Lines(await Run.Value);

        Assert.Contains("-> Core.my_add(10, 20) returned 30", lines);
        Assert.Contains("-> Core.interop_text_length(\"héllo\") counted 6 UTF-8 bytes (é is two)", lines);
        Assert.Contains(lines, l => l.StartsWith("-> Core.interop_crc32c(\"123456789\") = 0xE3069283,", StringComparison.Ordinal));
        Assert.Contains("-> Core.interop_count_lines_containing(log, \"ERROR\") found 2 of 4 lines, scanned in C", lines);
    }

    [Fact]
    public async Task Chapter_2_mocks_the_core_inside_the_scope_only()
    {
        var lines = Lines(await Run.Value);

        Assert.Contains("Total(5, 7, 30) adds with the C function through Core.Current: 42.", lines);
        Assert.Contains(lines, l => l.StartsWith("-> Inside Core.Use(fake): Total(5, 7, 30) = 3042;", StringComparison.Ordinal));
        Assert.Contains("-> Work started inside the scope sees the fake too: Task.Run(() => Total(1, 2)) = 2003", lines);
        Assert.Contains("-> A parallel test in its own async flow still calls C: Total(1, 2) = 3", lines);
        Assert.Contains("-> After the scope, Total(5, 7, 30) = 42 again, and Moq verified the fake saw exactly 5 calls", lines);
    }

    [Fact]
    public async Task Chapter_3_releases_in_reverse_order_and_keeps_both_errors()
    {
        var lines = Lines(await Run.Value);

        Assert.Contains("-> Released last in, first out: the shared-memory array (unmapped), the failing clean-up, then output buffer, then input buffer", lines);
        Assert.Contains("x ExitStack.Run threw one AggregateException holding both errors, the work's first: " +
            "InvalidOperationException: the work failed halfway; IOException: flushing the summary failed", lines);
    }

    [Fact]
    public async Task Chapter_4_reads_lazily_and_counts_every_error_line()
    {
        var lines = Lines(await Run.Value);

        Assert.Contains("-> The first three ERROR lines: Line 1: ERROR: System failure 1 | Line 2: ERROR: System failure 2 | Line 4: ERROR: System failure 4", lines);
        var pulled = Assert.Single(lines, l => l.StartsWith("-> To find them the reader pulled", StringComparison.Ordinal));
        Assert.Matches(@"pulled 64 KiB of \d+ MiB", pulled); // one 64 KiB buffer, not the file
        Assert.Contains(lines, l => l.StartsWith("-> Counted 1,000,000 ERROR lines of 1,500,000 (expected 1,000,000)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chapter_5_fails_the_segfaulting_task_alone_and_the_others_return_the_right_checksums()
    {
        var lines = Lines(await Run.Value);

        foreach (var seed in new[] { 1, 2, 3, 4, 6, 7, 8 })
        {
            Assert.Contains($"-> Task {seed}: checksum 0x{Crc32C.OfRandomBlock(seed):X8}", lines);
        }

        Assert.Single(lines, l => Regex.IsMatch(l, @"^-> Task 5 failed alone: worker \d+ died of SIGSEGV$"));
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"^-> Task [1-46-8] failed"));
        var replaced = Assert.Single(lines, l => l.StartsWith("-> The pool replaced the dead worker", StringComparison.Ordinal));
        Assert.EndsWith($"task 9 gave 0x{Crc32C.OfRandomBlock(9):X8}", replaced);
        // Two workers before and two after, the crashed one replaced by a new process.
        var pids = Regex.Match(replaced, @"workers (\d+), (\d+) became (\d+), (\d+)\)");
        Assert.True(pids.Success, replaced);
        var crashed = Regex.Match(lines.Single(l => l.StartsWith("-> Task 5 failed alone", StringComparison.Ordinal)), @"worker (\d+)").Groups[1].Value;
        Assert.DoesNotContain(crashed, new[] { pids.Groups[3].Value, pids.Groups[4].Value });
    }

    // The story without indentation, colour or progress-bar lines.
    private static string[] Lines(BufferedCommandResult result) =>
        result.StandardOutput.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
}
