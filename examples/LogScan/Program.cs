using System.CommandLine;
using LogScan;

// logscan: generate / count / demo. Errors are one line on stderr and exit code 2, never a stack trace.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop cleanly: the scan checks the token between buffers
    cancel.Cancel();
};

var stdout = Console.Out;
var stderr = Console.Error;
if (args.Length == 0)
{
    stdout.WriteLine(LogScanCommand.Usage);
    return 0;
}

var parse = LogScanCommand.Create(stdout, stderr, cancel.Token).Parse(args);
if (parse.Errors.Count > 0)
{
    // The most specific first: an unknown word explains a missing command.
    foreach (var parseError in parse.Errors.OrderBy(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1))
    {
        stderr.WriteLine($"logscan: {parseError.Message}");
    }

    stderr.WriteLine(LogScanCommand.Usage);
    return 2;
}

try
{
    // Our own handlers below replace System.CommandLine's: one line, no stack trace, and Ctrl+C is ours (exit 130).
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null, Output = stdout, Error = stderr });
}
catch (UsageException e)
{
    stderr.WriteLine($"logscan: {e.Message}");
    stderr.WriteLine(LogScanCommand.Usage);
    return 2;
}
catch (InputException e)
{
    stderr.WriteLine($"logscan: {e.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    stderr.WriteLine("logscan: cancelled");
    return 130;
}
