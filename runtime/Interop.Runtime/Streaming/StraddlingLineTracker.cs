namespace Interop.Runtime.Streaming;

/// <summary>
/// Cuts a byte stream, read one buffer at a time, into runs of whole lines that a kernel can count on
/// their own, and settles itself the one line that straddles the end of each buffer. That line is never
/// kept whole: if the part seen so far contains the needle it is counted and the rest of it is skipped;
/// otherwise only its last <c>needle length - 1</c> bytes are carried into the next buffer, which is
/// exactly what a needle split across the boundary needs. So memory stays one buffer, whatever the
/// line lengths.
/// </summary>
internal struct StraddlingLineTracker
{
    private bool _skipToNextLine; // the straddling line was already counted
    private int _carryStart;
    private int _carryLength;

    /// <summary>Matches found in lines that straddled a buffer boundary.</summary>
    public long Matches { readonly get; private set; }

    /// <summary>Bytes carried over at the front of the buffer; the next read goes after them.</summary>
    public readonly int CarryLength => _carryLength;

    /// <summary>
    /// Given <paramref name="filled"/> (carry plus newly read bytes, at the front of the buffer), returns
    /// the whole lines a kernel should count and settles the trailing partial line.
    /// The result is a range of <paramref name="filled"/>; call <see cref="MoveCarry"/> once those lines have been counted.
    /// </summary>
    public Range TakeWholeLines(ReadOnlySpan<byte> filled, ILineMatcher matcher)
    {
        var lines = filled;
        var consumedBefore = 0;
        if (_skipToNextLine)
        {
            var end = lines.IndexOf((byte)'\n');
            if (end < 0)
            {
                _carryStart = _carryLength = 0;
                return new Range(0, 0);
            }

            _skipToNextLine = false;
            consumedBefore = end + 1;
            lines = lines.Slice(consumedBefore);
        }

        var lastNewline = lines.LastIndexOf((byte)'\n');
        var partial = lines.Slice(lastNewline + 1);
        var partialStart = consumedBefore + lastNewline + 1;

        _carryStart = _carryLength = 0;
        if (!partial.IsEmpty)
        {
            if (matcher.CountMatchingLines(partial) > 0)
            {
                Matches++;
                _skipToNextLine = true;
            }
            else
            {
                _carryLength = Math.Min(partial.Length, Math.Max(matcher.NeedleLength - 1, 0));
                _carryStart = partialStart + partial.Length - _carryLength;
            }
        }

        return new Range(consumedBefore, partialStart);
    }

    /// <summary>Copies the carried bytes of <paramref name="from"/> to the front of <paramref name="to"/> (which may be the same buffer).</summary>
    public readonly void MoveCarry(ReadOnlySpan<byte> from, Span<byte> to) =>
        from.Slice(_carryStart, _carryLength).CopyTo(to);
}
