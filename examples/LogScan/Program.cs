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
try
{
    return args switch
    {
        [] or ["help" or "-h" or "--help", ..] => PrintUsage(stdout, 0),
        ["generate", ..] => GenerateCommand.Run(args.AsSpan(1), stderr, cancel.Token),
        ["count", ..] => await CountCommand.RunAsync(args.AsMemory(1), stdout, stderr, cancel.Token),
        ["demo"] => LessonPipeline.Run(stdout),
        _ => throw new UsageException($"unknown command '{args[0]}'"),
    };
}
catch (UsageException e)
{
    stderr.WriteLine($"logscan: {e.Message}");
    return PrintUsage(stderr, 2);
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

static int PrintUsage(TextWriter writer, int exitCode)
{
    writer.WriteLine($"""
        usage: logscan {GenerateCommand.Usage}
               logscan {CountCommand.Usage}
               logscan demo

          generate  writes a deterministic synthetic log of about SIZE bytes (2GiB, 100MB, 4096); FILE '-' is stdout
          count     prints 'count: N', the number of lines containing NEEDLE (LC_ALL=C grep -c -F semantics);
                    FILE '-' is stdin; exit code 0 if a line matched, 1 if none, 2 on error
          demo      replays the lesson's lazy generator pipeline (reader -> filter -> counter)
        """);
    return exitCode;
}
