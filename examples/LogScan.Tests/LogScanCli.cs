using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace LogScan.Tests;

/// <summary>Runs the built <c>logscan</c> (copied next to the tests) as a real process.</summary>
internal static class LogScanCli
{
    public static Task<BufferedCommandResult> RunAsync(params string[] args) => RunAsync(null, args);

    public static async Task<BufferedCommandResult> RunAsync(Stream? standardInput, params string[] args)
    {
        var command = Cli.Wrap("dotnet")
            .WithArguments(["exec", Path.Combine(AppContext.BaseDirectory, "logscan.dll"), .. args])
            .WithValidation(CommandResultValidation.None);
        if (standardInput is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromStream(standardInput));
        }

        return await command.ExecuteBufferedAsync(Encoding.UTF8);
    }

    public static string LastLine(string text) => text.TrimEnd('\n').Split('\n')[^1];
}
