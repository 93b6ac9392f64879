using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Interop.Runtime.Tests.Streaming;

/// <summary>The real <c>LC_ALL=C grep -c -F</c>, the reference every scanner must agree with.</summary>
internal static class GrepOracle
{
    public static async Task<long> CountAsync(string path, string needle)
    {
        var result = await Cli.Wrap("grep")
            .WithArguments(["-c", "-F", "-e", needle, "--", path])
            .WithEnvironmentVariables(env => env.Set("LC_ALL", "C"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8);
        Assert.True(result.ExitCode is 0 or 1, $"grep failed on {path}: {result.StandardError}");
        return long.Parse(result.StandardOutput.Trim());
    }

    /// <summary>A file of random bytes from <paramref name="alphabet"/> with some needles planted, in a temporary folder.</summary>
    public static string WriteRandomFile(string directory, int seed, int length, ReadOnlySpan<byte> alphabet, ReadOnlySpan<byte> plant)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = alphabet[random.Next(alphabet.Length)];
        }

        for (var i = 0; plant.Length > 0 && length > plant.Length && i < length / 300; i++)
        {
            plant.CopyTo(bytes.AsSpan(random.Next(length - plant.Length)));
        }

        var path = Path.Combine(directory, $"random-{seed}-{length}.log");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
