namespace LogScan;

/// <summary><c>generate SIZE FILE</c>: writes a deterministic synthetic log of about SIZE bytes (<c>-</c> is standard output).</summary>
internal static class GenerateCommand
{
    public static int Run(long size, string path, LogFormat format, ulong seed, TextWriter error, CancellationToken cancellationToken)
    {
        var generator = new LogGenerator(format, seed);
        long written;
        try
        {
            using var output = path == "-"
                ? Console.OpenStandardOutput()
                : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
            written = generator.Write(output, size, cancellationToken);
        }
        catch (IOException e) when (path == "-" && e.Message.Contains("pipe", StringComparison.OrdinalIgnoreCase))
        {
            return 0; // the reader went away (generate ... | head): not an error
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write '{path}': {e.Message}", e);
        }

        error.WriteLine($"generate: wrote {written} bytes, {generator.Lines} lines, {generator.ErrorLines} containing ERROR ({format.ToString().ToLowerInvariant()}) to {(path == "-" ? "standard output" : path)}");
        return 0;
    }
}
