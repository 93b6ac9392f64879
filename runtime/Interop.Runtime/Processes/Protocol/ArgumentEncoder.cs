using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Interop.Runtime.Processes.Protocol;

/// <summary>
/// Encodes the arguments of a map into one buffer, back to back, with the cumulative end of each: the storage an
/// <see cref="EncodedChunk"/> is a window over. Blittable arguments take one copy for an array or list.
/// </summary>
internal static class ArgumentEncoder
{
    /// <summary>Encodes every argument into one shared buffer; <c>Ends[i]</c> is where argument i ends in it.</summary>
    public static (byte[] Data, int[] Ends) Encode<TArg>(PayloadCodec<TArg> codec, IEnumerable<TArg> arguments)
    {
        if (codec.FixedSize is { } size)
        {
            return EncodeFixedSize(arguments, size);
        }

        var known = arguments.TryGetNonEnumeratedCount(out var count);
        var buffer = new FrameWriter(known ? Math.Max(256, count * 4) : 256);
        var ends = known ? new int[count] : new int[16];
        var n = 0;
        foreach (var argument in arguments)
        {
            codec.Write(argument, buffer);
            if (n == ends.Length)
            {
                Array.Resize(ref ends, n * 2);
            }

            ends[n++] = buffer.PendingBytes;
        }

        if (n != ends.Length)
        {
            Array.Resize(ref ends, n);
        }

        return (buffer.Buffer, ends);
    }

    // Blittable arguments (the default codec) are their own bytes: one copy for an array or list, a tight loop otherwise.
    private static (byte[] Data, int[] Ends) EncodeFixedSize<TArg>(IEnumerable<TArg> arguments, int size)
    {
        byte[] data;
        int count;
        if (arguments is TArg[] array)
        {
            data = BytesOf(array.AsSpan(), size).ToArray();
            count = array.Length;
        }
        else if (arguments is List<TArg> list)
        {
            data = BytesOf(CollectionsMarshal.AsSpan(list), size).ToArray();
            count = list.Count;
        }
        else if (arguments is ICollection<TArg> collection)
        {
            // One CopyTo (Enumerable.Range and Select over arrays are collections) instead of two interface calls per item.
            count = collection.Count;
            var values = ArrayPool<TArg>.Shared.Rent(count);
            try
            {
                collection.CopyTo(values, 0);
                data = BytesOf(values.AsSpan(0, count), size).ToArray();
            }
            finally
            {
                ArrayPool<TArg>.Shared.Return(values);
            }
        }
        else
        {
            data = GC.AllocateUninitializedArray<byte>((arguments.TryGetNonEnumeratedCount(out var known) ? Math.Max(known, 1) : 16) * size);
            count = 0;
            foreach (var argument in arguments)
            {
                if ((count + 1) * size > data.Length)
                {
                    Array.Resize(ref data, data.Length * 2);
                }

                Unsafe.WriteUnaligned(ref data[count * size], argument);
                count++;
            }
        }

        var ends = GC.AllocateUninitializedArray<int>(count);
        for (var i = 0; i < ends.Length; i++)
        {
            ends[i] = (i + 1) * size;
        }

        return (data, ends);
    }

    // MemoryMarshal.AsBytes for a TArg the compiler cannot prove unmanaged (the codec's FixedSize says it is).
    private static ReadOnlySpan<byte> BytesOf<TArg>(Span<TArg> values, int size) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TArg, byte>(ref MemoryMarshal.GetReference(values)), values.Length * size);
}
