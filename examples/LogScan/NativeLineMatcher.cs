using Interop.Runtime.Streaming;
using LogScan.Native;

namespace LogScan;

/// <summary>
/// The native engine's kernel: <c>interop_count_lines_containing</c> from the C core, called through the
/// bindings generated from <c>interop_core.h</c>. Blocks are passed by pointer: pinned, never copied.
/// </summary>
internal sealed unsafe class NativeLineMatcher : ILineMatcher
{
    private readonly byte[] _needle;

    public NativeLineMatcher(ReadOnlySpan<byte> needle)
    {
        ManagedLineMatcher.ValidateNeedle(needle);
        _needle = needle.ToArray();
    }

    public int NeedleLength => _needle.Length;

    public long CountMatchingLines(ReadOnlySpan<byte> lines)
    {
        fixed (byte* data = lines)
        fixed (byte* needle = _needle)
        {
            var count = Core.interop_count_lines_containing(data, (nuint)lines.Length, needle, (nuint)_needle.Length);
            return count >= 0 ? count : throw new InvalidOperationException("interop_count_lines_containing rejected its arguments.");
        }
    }
}
