namespace LogScan;

/// <summary>A mistake in the command line: reported in one line with exit code 2, no stack trace.</summary>
internal sealed class UsageException(string message) : Exception(message);
