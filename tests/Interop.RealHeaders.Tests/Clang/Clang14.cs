using CliWrap;
using CliWrap.Buffered;

namespace Interop.RealHeaders.Tests.Clang;

/// <summary>The oracle: clang-14 from Debian's <c>clang-14</c> package, run through CliWrap.</summary>
public static class Clang14
{
    public const string Path = "/usr/bin/clang-14";

    public static void RequireInstalled()
    {
        if (!File.Exists(Path))
        {
            Assert.Fail($"{Path} is missing: install the Debian package 'clang-14' (apt-get install clang-14).");
        }
    }

    /// <summary>Runs clang with <paramref name="arguments"/>; the result carries the exit code, never throws on failure.</summary>
    public static Task<BufferedCommandResult> RunAsync(IEnumerable<string> arguments, string workingDirectory) =>
        Cli.Wrap(Path)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

    /// <summary>The <c>-I</c> arguments for a list of include directories.</summary>
    public static IEnumerable<string> IncludeArguments(IEnumerable<string> directories) =>
        directories.SelectMany(d => new[] { "-I", d });
}
