using Microsoft.Win32.SafeHandles;

namespace LogScan;

/// <summary>
/// An opened input: a regular file (read with positional reads, split into chunks when parallel) or a
/// stream with no length (standard input for <c>-</c>, a pipe, a device).
/// </summary>
internal sealed class Input : IDisposable
{
    private Input(Stream stream, long? length)
    {
        Stream = stream;
        Length = length;
    }

    public Stream Stream { get; }

    /// <summary>Length of a seekable input, null for a pipe.</summary>
    public long? Length { get; }

    /// <summary>The file handle of a seekable input, null for a pipe.</summary>
    public SafeFileHandle? Handle => Stream is FileStream { CanSeek: true } file ? file.SafeFileHandle : null;

    /// <summary>Opens <paramref name="path"/> (<c>-</c> is standard input), turning failures into one clear message.</summary>
    public static Input Open(string path)
    {
        if (path == "-")
        {
            return new Input(Console.OpenStandardInput(), null);
        }

        if (Directory.Exists(path))
        {
            throw new InputException($"cannot read '{path}': it is a directory");
        }

        try
        {
            // bufferSize 0: the scanners have their own buffer, a second one would only copy.
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
            return new Input(file, file.CanSeek ? file.Length : null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"cannot read '{path}': no such file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException($"cannot read '{path}': permission denied", e);
        }
        catch (IOException e)
        {
            throw new InputException($"cannot read '{path}': {e.Message}", e);
        }
    }

    public void Dispose() => Stream.Dispose();
}
