using System.Buffers;
using System.Text;

namespace Calls;

/// <summary>Hand-written UTF-8 marshalling: encode into a stack buffer (pooled array when long), NUL-terminate, pass the pointer.</summary>
internal static class Utf8Call
{
    private const int StackBufferSize = 256;

    public static unsafe nuint TextLength(string s)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(s.Length) + 1;
        byte[]? rented = null;
        var buffer = maxBytes <= StackBufferSize ? stackalloc byte[StackBufferSize] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(s, buffer);
            buffer[length] = 0;
            fixed (byte* p = buffer)
            {
                return HandWritten.interop_text_length(p);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
