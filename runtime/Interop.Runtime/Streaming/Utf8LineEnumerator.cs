namespace Interop.Runtime.Streaming;

/// <summary>Enumerates the lines of a <see cref="Utf8LineReader"/> without allocating.</summary>
public ref struct Utf8LineEnumerator
{
    private readonly Utf8LineReader _reader;
    private ReadOnlySpan<byte> _current;

    internal Utf8LineEnumerator(Utf8LineReader reader) => _reader = reader;

    /// <summary>The current line, without its terminator.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>Moves to the next line; false at the end of the stream.</summary>
    public bool MoveNext() => _reader.TryReadLine(out _current);
}
