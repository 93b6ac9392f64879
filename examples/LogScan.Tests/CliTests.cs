namespace LogScan.Tests;

/// <summary>logscan end to end: output contract, exit codes, standard input, errors without stack traces, the demo.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("logscan-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("dense", "managed")]
    [InlineData("dense", "native")]
    [InlineData("dense", "parallel")]
    [InlineData("sparse", "managed")]
    [InlineData("sparse", "native")]
    [InlineData("sparse", "parallel")]
    public async Task Count_prints_grep_count_as_its_last_line(string format, string engine)
    {
        var path = await GenerateAsync(format, "3MiB");
        var expected = await GrepOracle.CountAsync(path, "ERROR");

        var result = await LogScanCli.RunAsync("count", "ERROR", path, "--engine", engine, "--chunk-size", "64KiB");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"count: {expected}", LogScanCli.LastLine(result.StandardOutput));
    }

    [Theory]
    [InlineData("managed")]
    [InlineData("native")]
    [InlineData("parallel")]
    public async Task A_dash_reads_standard_input(string engine)
    {
        var path = await GenerateAsync("sparse", "1MiB");
        var expected = await GrepOracle.CountAsync(path, "ERROR");
        await using var input = File.OpenRead(path);

        var result = await LogScanCli.RunAsync(input, "count", "ERROR", "-", "--engine", engine);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"count: {expected}", LogScanCli.LastLine(result.StandardOutput));
    }

    [Fact]
    public async Task No_matching_line_prints_zero_and_exits_1_like_grep()
    {
        var path = await GenerateAsync("dense", "10KiB");

        var result = await LogScanCli.RunAsync("count", "NOT-THERE", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("count: 0", LogScanCli.LastLine(result.StandardOutput));
    }

    [Fact]
    public async Task Generate_is_deterministic_and_in_the_lessons_format()
    {
        var first = await GenerateAsync("dense", "100KiB", "a.log");
        var second = await GenerateAsync("dense", "100KiB", "b.log");

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
        Assert.InRange(new FileInfo(first).Length, 100 * 1024 - 64, 100 * 1024);
        var lines = await File.ReadAllLinesAsync(first);
        Assert.Equal(["Line 0: INFO: System ok", "Line 1: ERROR: System failure 1", "Line 2: ERROR: System failure 2"], lines[..3]);
    }

    [Fact]
    public async Task Sparse_logs_have_one_percent_errors_and_lines_of_40_to_200_bytes()
    {
        var path = await GenerateAsync("sparse", "4MiB");
        var lines = await File.ReadAllLinesAsync(path);

        Assert.All(lines, line => Assert.InRange(line.Length + 1, 40, 200));
        var errors = lines.Count(line => line.Contains("ERROR", StringComparison.Ordinal));
        Assert.InRange(errors / (double)lines.Length, 0.007, 0.013);
    }

    [Fact]
    public async Task A_missing_file_is_one_clear_error_with_exit_code_2()
    {
        var missing = Path.Combine(_directory, "missing.log");

        var result = await LogScanCli.RunAsync("count", "ERROR", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"'{missing}'", result.StandardError);
        Assert.Contains("no such file", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Theory]
    [InlineData("parallel")]
    [InlineData("managed")]
    public async Task A_directory_is_one_clear_error_with_exit_code_2(string engine)
    {
        var result = await LogScanCli.RunAsync("count", "ERROR", _directory, "--engine", engine);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"'{_directory}': it is a directory", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Theory]
    [InlineData("count", "ERROR")]
    [InlineData("count", "ERROR", "x.log", "--engine", "turbo")]
    [InlineData("count", "ERROR", "x.log", "--workers", "0")]
    [InlineData("count", "ERROR", "x.log", "--colour", "always")]
    [InlineData("generate", "lots", "x.log")]
    [InlineData("frobnicate")]
    public async Task Command_line_mistakes_exit_with_2_and_usage(params string[] args)
    {
        var result = await LogScanCli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("logscan: ", result.StandardError);
        Assert.Contains("usage: logscan", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public async Task Demo_prints_the_lessons_messages_in_pull_order()
    {
        var result = await LogScanCli.RunAsync("demo");

        Assert.Equal(0, result.ExitCode);
        string[] expected =
        [
            "--- Pipeline created. Now, pulling data... ---",
            "(Counter: Starting to count...)",
            "(Filter: Starting to filter...)",
            "(Reader: Starting to read file...)",
            "  > Found error: Line 1: ERROR: System failure 1",
            "  > Found error: Line 2: ERROR: System failure 2",
            "  > Found error: Line 4: ERROR: System failure 4",
            "(Reader: Reached end of file.)",
            "",
            "Total errors found: 6666",
        ];
        Assert.Equal(expected, result.StandardOutput.TrimEnd('\n').Split('\n'));
    }

    private async Task<string> GenerateAsync(string format, string size, string? name = null)
    {
        var path = Path.Combine(_directory, name ?? $"{format}-{size}.log");
        if (!File.Exists(path))
        {
            var result = await LogScanCli.RunAsync("generate", size, path, "--format", format);
            Assert.True(result.ExitCode == 0, result.StandardError);
        }

        return path;
    }
}
