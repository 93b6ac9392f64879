namespace LogScan;

/// <summary>
/// The lesson's generator pipeline (point 68) in C#: iterators are generators, so reader → filter →
/// counter run lazily, one line at a time, and nothing is read until the counter pulls. Unlike the
/// Python original, the counter is lazy too, so "Pipeline created" really is printed before any work.
/// </summary>
internal static class LessonPipeline
{
    public static int Run(TextWriter output)
    {
        // --- Build the lazy pipeline --- No file is read, no filtering happens yet.
        var fileLines = HugeFileReader(10_000, output);
        var errorLines = GrepErrors(fileLines, output);
        var totalErrors = new Lazy<int>(() => CountErrors(errorLines, output));

        output.WriteLine("--- Pipeline created. Now, pulling data... ---");
        // Asking for the total makes the counter pull, which pulls through the filter back to the reader.
        output.WriteLine($"\nTotal errors found: {totalErrors.Value}");
        return 0;
    }

    /// <summary>Simulates a huge log file: yields one line at a time.</summary>
    private static IEnumerable<string> HugeFileReader(int lineCount, TextWriter output)
    {
        output.WriteLine("(Reader: Starting to read file...)");
        for (var i = 0; i < lineCount; i++)
        {
            yield return i % 3 == 0 ? $"Line {i}: INFO: System ok\n" : $"Line {i}: ERROR: System failure {i}\n";
        }

        output.WriteLine("(Reader: Reached end of file.)");
    }

    /// <summary>Passes on the ERROR lines, without their newline.</summary>
    private static IEnumerable<string> GrepErrors(IEnumerable<string> lines, TextWriter output)
    {
        output.WriteLine("(Filter: Starting to filter...)");
        foreach (var line in lines)
        {
            if (line.Contains("ERROR", StringComparison.Ordinal))
            {
                yield return line.Trim();
            }
        }
    }

    /// <summary>The consumer: counts, showing the first three lines to prove they arrive one by one.</summary>
    private static int CountErrors(IEnumerable<string> errorLines, TextWriter output)
    {
        output.WriteLine("(Counter: Starting to count...)");
        var count = 0;
        foreach (var error in errorLines)
        {
            count++;
            if (count <= 3)
            {
                output.WriteLine($"  > Found error: {error}");
            }
        }

        return count;
    }
}
