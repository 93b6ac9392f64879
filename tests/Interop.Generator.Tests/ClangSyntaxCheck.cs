using CliWrap;
using CliWrap.Buffered;

namespace Interop.Generator.Tests;

/// <summary>
/// clang-14 as the oracle: compiles C source (our figures written as <c>_Static_assert</c>s) for a target triple,
/// freestanding, so clang's own headers answer for that target and nothing of this machine's is read.
/// </summary>
internal static class ClangSyntaxCheck
{
    /// <summary>Runs <c>clang-14 -fsyntax-only</c> on <paramref name="source"/>; exit code 0 means every assertion held.</summary>
    public static Task<BufferedCommandResult> RunAsync(string triple, string source, string standard = "c11") =>
        CliWrap.Cli.Wrap("clang-14")
            .WithArguments(["-target", triple, $"-std={standard}", "-ffreestanding", "-fsyntax-only", "-w", "-x", "c", "-"])
            .WithStandardInputPipe(PipeSource.FromString(source))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
}
