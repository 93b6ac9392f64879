using CliWrap;
using CliWrap.Buffered;

namespace Interop.Package.Tests;

/// <summary>Runs the real dotnet CLI for a consumer: no build servers left behind, telemetry off.</summary>
internal static class Dotnet
{
    private static readonly HashSet<string> MSBuildVerbs = ["build", "pack", "run", "publish", "restore"];

    /// <param name="packageCache">The NUGET_PACKAGES to use; null keeps the caller's.</param>
    public static async Task<BufferedCommandResult> RunAsync(string workingDirectory, string[] arguments, string? packageCache, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string[] serverless = MSBuildVerbs.Contains(arguments[0]) ? ["-nodeReuse:false", "-p:UseSharedCompilation=false"] : [];
        var separator = Array.IndexOf(arguments, "--");
        string[] all = separator < 0
            ? [.. arguments, .. serverless]
            : [.. arguments[..separator], .. serverless, .. arguments[separator..]];
        return await Cli.Wrap("dotnet")
            .WithArguments(all)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(e =>
            {
                e.Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1").Set("DOTNET_NOLOGO", "1").Set("MSBUILDDISABLENODEREUSE", "1");
                if (packageCache is not null)
                {
                    e.Set("NUGET_PACKAGES", packageCache);
                }
            })
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancel.Token);
    }

    /// <summary>
    /// A child's output for an assertion message. A nested test run's summary ("Passed!  - Failed: 0, ...") is
    /// reworded so tests/run-all.sh, which sums such lines from this run's log, does not count it as ours.
    /// </summary>
    public static string Quote(string output) =>
        string.Join('\n', output.Split('\n').Select(line => "  | " + line.Replace("Passed!", "passed:").Replace("Failed!", "failed:")));

    public static string Describe(BufferedCommandResult result) =>
        $"exit code {result.ExitCode}\n{Quote(result.StandardOutput)}\n{Quote(result.StandardError)}";
}
