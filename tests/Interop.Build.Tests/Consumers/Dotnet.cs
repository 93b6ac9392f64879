using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace Interop.Build.Tests.Consumers;

/// <summary>Runs the real <c>dotnet</c> on throwaway projects: no build server, no node reuse, a time limit.</summary>
internal static class Dotnet
{
    /// <summary>The repository's root, found from the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <param name="directory">Where to run.</param>
    /// <param name="arguments">The dotnet command and its arguments.</param>
    /// <param name="path">The PATH the build sees; the test's own by default.</param>
    public static async Task<BufferedCommandResult> Run(string directory, IEnumerable<string> arguments, string? path = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await Cli.Wrap("dotnet")
            .WithArguments([.. arguments, "--nologo", "-p:UseSharedCompilation=false", "-nodeReuse:false"])
            .WithWorkingDirectory(directory)
            .WithEnvironmentVariables(e => e.Set("PATH", path ?? Environment.GetEnvironmentVariable("PATH")).Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1").Set("MSBUILDDISABLENODEREUSE", "1"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
    }

    /// <summary>MSBuild repeats errors in its summary; count each distinct one once.</summary>
    public static List<string> DistinctErrors(string output) =>
        Regex.Matches(output, @"error [A-Z]+\d+:[^\r\n]*").Select(m => m.Value).Distinct().ToList();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Interop.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Interop.sln not found");
    }
}
