namespace LogScan;

/// <summary>An input that cannot be read (missing, a directory, no permission): reported naming the file, exit code 2.</summary>
internal sealed class InputException(string message, Exception? inner = null) : Exception(message, inner);
