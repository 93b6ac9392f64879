using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace LogScan.Tests;

/// <summary>The oracle: the real <c>LC_ALL=C grep -c -F</c>, run as a process.</summary>
internal static class Grep
{
    public static async Task<long> CountAsync(string path, string needle)
    {
        var result = await Cli.Wrap("grep")
            .WithArguments(["-c", "-F", "-e", needle, "--", path])
            .WithEnvironmentVariables(env => env.Set("LC_ALL", "C"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8);
        // grep exits 1 when nothing matched; 2 is a real error.
        Assert.True(result.ExitCode is 0 or 1, $"grep failed on {path}: {result.StandardError}");
        return long.Parse(result.StandardOutput.Trim());
    }
}
