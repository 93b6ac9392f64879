using System.CommandLine;
using System.CommandLine.Parsing;
using Interop.Runtime.Streaming;

namespace LogScan;

/// <summary>
/// logscan's command line, declared with System.CommandLine: <c>generate SIZE FILE</c>, <c>count NEEDLE FILE</c> and
/// <c>demo</c>. Values are parsed and checked here (sizes, enums, minimums), so the commands receive typed arguments.
/// </summary>
internal static class LogScanCommand
{
    public const string Usage = """
        usage: logscan generate SIZE FILE [--format dense|sparse] [--seed N]
               logscan count NEEDLE FILE [--engine managed|native|parallel] [--workers N] [--kernel managed|native]
                             [--buffer-size SIZE] [--chunk-size SIZE] [--progress auto|always|never]
               logscan demo

          generate  writes a deterministic synthetic log of about SIZE bytes (2GiB, 100MB, 4096); FILE '-' is stdout
          count     prints 'count: N', the number of lines containing NEEDLE (LC_ALL=C grep -c -F semantics);
                    FILE '-' is stdin; exit code 0 if a line matched, 1 if none, 2 on error
          demo      replays the lesson's lazy generator pipeline (reader -> filter -> counter)
        """;

    public static RootCommand Create(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Counts matching lines of files far larger than memory, like LC_ALL=C grep -c -F.");
        root.Subcommands.Add(Generate(error, cancellationToken));
        root.Subcommands.Add(Count(output, error, cancellationToken));
        var demo = new Command("demo", "Replays the lesson's lazy generator pipeline (reader -> filter -> counter).");
        demo.SetAction(_ => LessonPipeline.Run(output));
        root.Subcommands.Add(demo);
        return root;
    }

    private static Command Generate(TextWriter error, CancellationToken cancellationToken)
    {
        var size = new Argument<long>("SIZE") { Description = "About how many bytes to write: 2GiB, 100MB, 4096.", CustomParser = r => ParseSize(r, "generate: SIZE", 0) };
        var file = new Argument<string>("FILE") { Description = "Where to write; '-' is standard output." };
        var format = new Option<LogFormat>("--format") { Description = "dense (the lesson's lines) or sparse (1% errors).", CustomParser = ParseEnum<LogFormat>, DefaultValueFactory = _ => LogFormat.Dense };
        var seed = new Option<int>("--seed") { Description = "Seed of the sparse format's random lines.", CustomParser = r => ParseInt(r, 1), DefaultValueFactory = _ => 1 };
        var command = new Command("generate", "Writes a deterministic synthetic log.") { size, file, format, seed };
        command.SetAction(parse => GenerateCommand.Run(parse.GetValue(size), parse.GetValue(file)!, parse.GetValue(format), (ulong)parse.GetValue(seed), error, cancellationToken));
        return command;
    }

    private static Command Count(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var needle = new Argument<string>("NEEDLE") { Description = "The fixed string to look for; it may not contain a newline." };
        var file = new Argument<string>("FILE") { Description = "The input; '-' is standard input." };
        var engine = new Option<Engine>("--engine") { Description = "managed, native (the C core) or parallel.", CustomParser = ParseEnum<Engine>, DefaultValueFactory = _ => Engine.Managed };
        var workers = new Option<int>("--workers") { Description = "Threads of the parallel engine.", CustomParser = r => ParseInt(r, 1), DefaultValueFactory = _ => Environment.ProcessorCount };
        var kernel = new Option<Kernel?>("--kernel") { Description = "The line matcher: managed or native (default: native for the native engine).", CustomParser = r => ParseEnum<Kernel>(r) };
        var bufferSize = new Option<long>("--buffer-size") { Description = "Read buffer size.", CustomParser = r => ParseSize(r, "count: --buffer-size", 1), DefaultValueFactory = _ => LineScanOptions.DefaultBufferSize };
        var chunkSize = new Option<long>("--chunk-size") { Description = "Bytes per parallel chunk.", CustomParser = r => ParseSize(r, "count: --chunk-size", 1), DefaultValueFactory = _ => LineScanOptions.Default.ChunkSize };
        var progress = new Option<ProgressMode>("--progress") { Description = "A progress bar on standard error: auto (on a terminal), always or never.", CustomParser = ParseEnum<ProgressMode>, DefaultValueFactory = _ => ProgressMode.Auto };
        var command = new Command("count", "Prints 'count: N', the number of lines containing NEEDLE.") { needle, file, engine, workers, kernel, bufferSize, chunkSize, progress };
        command.SetAction(parse =>
        {
            var chosenEngine = parse.GetValue(engine);
            var arguments = new CountArguments(
                parse.GetValue(needle)!, parse.GetValue(file)!, chosenEngine,
                parse.GetValue(kernel) ?? (chosenEngine == Engine.Native ? Kernel.Native : Kernel.Managed),
                parse.GetValue(workers), parse.GetValue(bufferSize), parse.GetValue(chunkSize), parse.GetValue(progress));
            return CountCommand.RunAsync(arguments, output, error, cancellationToken);
        });
        return command;
    }

    private static long ParseSize(ArgumentResult result, string what, long minimum)
    {
        var text = result.Tokens.Single().Value;
        if (ByteSize.TryParse(text, out var bytes) && bytes >= minimum)
        {
            return bytes;
        }

        result.AddError($"{what} must be a size{(minimum > 0 ? $" of at least {minimum} bytes" : "")} such as 64KiB or 2GiB, not '{text}'");
        return 0;
    }

    private static int ParseInt(ArgumentResult result, int minimum)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, out var value) && value >= minimum)
        {
            return value;
        }

        result.AddError($"{OptionName(result)} must be a whole number of at least {minimum}, not '{text}'");
        return 0;
    }

    private static T ParseEnum<T>(ArgumentResult result)
        where T : struct, Enum
    {
        var text = result.Tokens.Single().Value;
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        result.AddError($"{OptionName(result)} must be one of {string.Join('|', Enum.GetNames<T>()).ToLowerInvariant()}, not '{text}'");
        return default;
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}

/// <summary>When <c>count</c> draws a progress bar on standard error.</summary>
internal enum ProgressMode
{
    Auto,
    Always,
    Never,
}
