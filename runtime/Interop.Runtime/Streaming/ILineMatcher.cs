namespace Interop.Runtime.Streaming;

/// <summary>
/// A search kernel that counts the lines of a block containing a fixed needle, with the semantics of
/// <c>LC_ALL=C grep -c -F</c>: bytes, not characters; lines end at <c>'\n'</c>; a <c>'\r'</c> is an
/// ordinary byte of its line. Implementations must be stateless so one instance can serve many threads.
/// </summary>
public interface ILineMatcher
{
    /// <summary>Length in bytes of the needle; the streaming readers keep this many bytes minus one between reads.</summary>
    int NeedleLength { get; }

    /// <summary>
    /// Number of lines of <paramref name="lines"/> that contain the needle. The block holds whole lines: every
    /// line but possibly the last ends with <c>'\n'</c>; a last line without one still counts as a line.
    /// </summary>
    long CountMatchingLines(ReadOnlySpan<byte> lines);
}
