using System.Buffers;

namespace Interop.Runtime.Streaming;

/// <summary>
/// Reads the lines of a UTF-8 (or any ASCII-compatible) byte stream as spans over one pooled buffer:
/// no string per line, no allocation per line. A line is returned without its <c>"\n"</c> or <c>"\r\n"</c>;
/// a last line without a terminator is still a line; bytes are never decoded, so invalid UTF-8 passes
/// through untouched. A line longer than the buffer grows it, up to <see cref="MaxLineLength"/>.
/// </summary>
/// <remarks>The span of a line is valid until the next read. Use <c>foreach (var line in reader)</c> or <see cref="TryReadLine"/>.</remarks>
public sealed class Utf8LineReader : IDisposable
{
    /// <summary>The default longest line: 64 MiB.</summary>
    public const int DefaultMaxLineLength = 64 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _start; // first byte of the next line
    private int _end; // end of the bytes read so far
    private int _scanned; // bytes from _start already known to hold no '\n'
    private bool _endOfStream;

    /// <summary>Reads lines from <paramref name="stream"/>.</summary>
    /// <param name="stream">The bytes; read sequentially from its current position.</param>
    /// <param name="bufferSize">Initial buffer size in bytes.</param>
    /// <param name="maxLineLength">Longest line accepted; a longer one throws <see cref="InvalidDataException"/>.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    public Utf8LineReader(Stream stream, int bufferSize = LineScanOptions.DefaultBufferSize, int maxLineLength = DefaultMaxLineLength, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineLength);
        _stream = stream;
        _leaveOpen = leaveOpen;
        MaxLineLength = maxLineLength;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>Opens the file at <paramref name="path"/> for sequential reading, without a second layer of buffering.</summary>
    public static Utf8LineReader Open(string path, int bufferSize = LineScanOptions.DefaultBufferSize, int maxLineLength = DefaultMaxLineLength) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan), bufferSize, maxLineLength);

    /// <summary>Longest line accepted, in bytes, without its terminator.</summary>
    public int MaxLineLength { get; }

    /// <summary>Reads the next line; false at the end of the stream.</summary>
    /// <param name="line">The line without its terminator; valid until the next call.</param>
    /// <exception cref="InvalidDataException">A line is longer than <see cref="MaxLineLength"/>.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.Slice(_scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = _scanned + newline;
                line = TrimCarriageReturn(pending.Slice(0, length));
                _start += length + 1;
                _scanned = 0;
                return true;
            }

            _scanned = pending.Length;
            if (_endOfStream)
            {
                line = TrimCarriageReturn(pending);
                _start = _end;
                _scanned = 0;
                return !pending.IsEmpty;
            }

            if (pending.Length > MaxLineLength)
            {
                throw new InvalidDataException($"A line is longer than {MaxLineLength} bytes, the most this reader accepts.");
            }

            Fill();
        }
    }

    /// <summary>Enumerates the remaining lines, each valid until the enumerator moves on.</summary>
    public Utf8LineEnumerator GetEnumerator() => new(this);

    /// <summary>Returns the buffer to the pool and, unless told otherwise, closes the stream.</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0)
        {
            return;
        }

        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void Fill()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            // Slide the unfinished line to the front so the read can append to it.
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, (long)_buffer.Length * 2));
            _buffer.AsSpan(0, _end).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;
}
