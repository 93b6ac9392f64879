using CliWrap;
using CliWrap.Buffered;

namespace Calculator.Tests;

/// <summary>Runs the README's first command for real and checks what a newcomer sees.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task DotnetRun_PrintsTheLessonsExpectedOutput()
    {
        var root = RepositoryRoot();
        var result = await Cli.Wrap("dotnet")
            .WithArguments(["run", "--project", "examples/Calculator"])
            .WithWorkingDirectory(root)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Timeout(minutes: 5));

        Assert.True(result.ExitCode == 0, $"dotnet run failed ({result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("The C function returned: 30", lines[0]);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Interop.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Interop.sln not found above " + AppContext.BaseDirectory);
    }
}

internal static class TestContext
{
    public static CancellationToken Timeout(int minutes) => new CancellationTokenSource(TimeSpan.FromMinutes(minutes)).Token;
}
