using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Interop.Runtime.Streaming;

/// <summary>
/// The managed <see cref="ILineMatcher"/>: a SIMD scan for two of the needle's rarest bytes at their
/// offsets (the prefilter ripgrep's memmem uses), a full compare only on candidates, and a jump to the end
/// of the line after each match. No allocation; safe to share between threads.
/// </summary>
public sealed class ManagedLineMatcher : ILineMatcher
{
    // Rough frequency of bytes in logs and text, most common first; bytes not listed count as rare.
    private static readonly byte[] CommonBytes =
        " etaoinsrhldcumfpgwybvkx0123456789jqz.,;:-_/=\"'()[]\tETAOINSRHLDCUMFPGWYBVKXJQZ"u8.ToArray();

    private readonly byte[] _needle;
    private readonly int _rareOffset1; // the rarest byte's position in the needle
    private readonly int _rareOffset2; // a second rare byte, at another position

    /// <summary>Creates a matcher for <paramref name="needle"/>; an empty needle matches every line.</summary>
    /// <exception cref="ArgumentException">The needle contains <c>'\n'</c> (grep would split it into several patterns).</exception>
    public ManagedLineMatcher(ReadOnlySpan<byte> needle)
    {
        ValidateNeedle(needle);
        _needle = needle.ToArray();
        (_rareOffset1, _rareOffset2) = PickRareOffsets(needle);
    }

    /// <summary>Creates a matcher for the UTF-8 encoding of <paramref name="needle"/>.</summary>
    public ManagedLineMatcher(string needle)
        : this(Encoding.UTF8.GetBytes(needle ?? throw new ArgumentNullException(nameof(needle))))
    {
    }

    /// <summary>The needle's bytes.</summary>
    public ReadOnlySpan<byte> Needle => _needle;

    /// <inheritdoc />
    public int NeedleLength => _needle.Length;

    /// <inheritdoc />
    public long CountMatchingLines(ReadOnlySpan<byte> lines)
    {
        var needle = (ReadOnlySpan<byte>)_needle;
        return needle.Length switch
        {
            0 => CountLines(lines),
            1 => CountLinesContaining(lines, needle), // IndexOf of a one-byte span is the vectorised byte search
            _ when Vector256.IsHardwareAccelerated && lines.Length >= needle.Length + Vector256<byte>.Count
                => CountLinesContainingVectorized(lines, needle, _rareOffset1, _rareOffset2),
            _ => CountLinesContaining(lines, needle),
        };
    }

    /// <summary>Number of lines in <paramref name="lines"/>, like <c>grep -c ''</c>: newlines, plus one for an unterminated last line.</summary>
    public static long CountLines(ReadOnlySpan<byte> lines)
    {
        if (lines.IsEmpty)
        {
            return 0;
        }

        long count = lines.Count((byte)'\n');
        return lines[^1] == (byte)'\n' ? count : count + 1;
    }

    /// <summary>Throws when <paramref name="needle"/> cannot be one <c>grep -F</c> pattern.</summary>
    public static void ValidateNeedle(ReadOnlySpan<byte> needle)
    {
        if (needle.Contains((byte)'\n'))
        {
            throw new ArgumentException("The needle contains a newline; grep -F would treat it as several patterns. Search for one line at a time.", nameof(needle));
        }
    }

    private static long CountLinesContaining(ReadOnlySpan<byte> lines, ReadOnlySpan<byte> needle)
    {
        long count = 0;
        while (true)
        {
            var at = lines.IndexOf(needle);
            if (at < 0)
            {
                return count;
            }

            count++;
            // The needle holds no '\n', so the matching line ends after the match.
            lines = lines.Slice(at + needle.Length);
            var end = lines.IndexOf((byte)'\n');
            if (end < 0)
            {
                return count;
            }

            lines = lines.Slice(end + 1);
        }
    }

    // AggressiveOptimization: compiled once, fully optimised for this CPU, instead of starting in tier 0 in a
    // process that may finish before tiering up. The loop tests two rare needle bytes at 64 candidate starts per
    // step (two vectors, one branch), and only a block with a hit pays for the per-candidate work.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long CountLinesContainingVectorized(ReadOnlySpan<byte> lines, ReadOnlySpan<byte> needle, int offset1, int offset2)
    {
        long count = 0;
        ref var start = ref MemoryMarshal.GetReference(lines);
        var first = Vector256.Create(needle[offset1]);
        var second = Vector256.Create(needle[offset2]);
        const int Width = 32; // Vector256<byte>.Count
        // Candidate starts up to lastStart fit a whole needle; blocks are read at start + offset, so stop a block early.
        var lastStart = lines.Length - needle.Length;
        var position = 0;
        while (true)
        {
            ulong mask;
            int step;
            if (position <= lastStart - 2 * Width + 1)
            {
                var low = Candidates(ref start, position, offset1, first, offset2, second);
                var high = Candidates(ref start, position + Width, offset1, first, offset2, second);
                if ((low | high) == Vector256<byte>.Zero)
                {
                    position += 2 * Width;
                    continue;
                }

                mask = low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << Width);
                step = 2 * Width;
            }
            else if (position <= lastStart - Width + 1)
            {
                mask = Candidates(ref start, position, offset1, first, offset2, second).ExtractMostSignificantBits();
                if (mask == 0)
                {
                    position += Width;
                    continue;
                }

                step = Width;
            }
            else
            {
                // The last few starts: plain search over what is left.
                return position <= lastStart ? count + CountLinesContaining(lines.Slice(position), needle) : count;
            }

            var next = position + step;
            while (mask != 0)
            {
                var candidate = position + BitOperations.TrailingZeroCount(mask);
                if (lines.Slice(candidate, needle.Length).SequenceEqual(needle))
                {
                    count++;
                    // Skip the rest of the line: its '\n' is usually in the next few bytes.
                    var after = candidate + needle.Length;
                    var end = lines.Slice(after).IndexOf((byte)'\n');
                    if (end < 0)
                    {
                        return count;
                    }

                    next = after + end + 1;
                    break;
                }

                mask &= mask - 1;
            }

            position = next;
        }
    }

    // Lane i is set where a needle starting at position + i has both rare bytes in place.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Candidates(ref byte start, int position, int offset1, Vector256<byte> first, int offset2, Vector256<byte> second) =>
        Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)(position + offset1)), first)
        & Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)(position + offset2)), second);

    private static (int First, int Second) PickRareOffsets(ReadOnlySpan<byte> needle)
    {
        if (needle.Length < 2)
        {
            return (0, 0);
        }

        static int Rank(byte value)
        {
            var index = CommonBytes.AsSpan().IndexOf(value);
            return index < 0 ? -1 : CommonBytes.Length - index; // lower is rarer
        }

        var first = 0;
        for (var i = 1; i < needle.Length; i++)
        {
            if (Rank(needle[i]) < Rank(needle[first]))
            {
                first = i;
            }
        }

        // A second byte equal to the first would filter nothing more, so such bytes come last.
        var second = first == 0 ? 1 : 0;
        var secondRank = int.MaxValue;
        for (var i = 0; i < needle.Length; i++)
        {
            var rank = needle[i] == needle[first] ? int.MaxValue : Rank(needle[i]);
            if (i != first && rank < secondRank)
            {
                second = i;
                secondRank = rank;
            }
        }

        return (first, second);
    }
}
