// Compiled at test time with zlib's bindings bound with ZlibSignatureUsageTests.Signatures (see UsageAssembly.WithOptions).
using System;
using System.Runtime.InteropServices;
using Interop.RealHeaders.Tests.Usage;
using RealHeaders.Zlib;
using Z = RealHeaders.Zlib.Zlib;

namespace Interop.RealHeaders.Tests.Usage.Drivers;

public sealed unsafe class ZlibSignaturesDriver : IZlibSignaturesUsage
{
    // The stated signature: deflateInit(z_streamp, long) -> int, so the level is a C long here.
    public byte[] DeflateWithStatedLevel(byte[] data, long level) =>
        OneShot(data, data.Length + 1024, "deflate", s => Z.deflateInit(s, new CLong((nint)level)), s => Z.deflate(s, Z.Z_FINISH), s => Z.deflateEnd(s));

    public byte[] Inflate(byte[] compressed, int originalLength) =>
        OneShot(compressed, originalLength, "inflate", s => Z.inflateInit(s), s => Z.inflate(s, Z.Z_FINISH), s => Z.inflateEnd(s));

    public ulong ThroughOF(ulong value) => (ulong)Z.OF(new CULong((nuint)value)).Value;

    private delegate int StreamCall(z_stream* stream);

    /// <summary>One pass of a whole input into one buffer: <c>{name}Init</c>, <c>{name}(Z_FINISH)</c>, <c>{name}End</c>.</summary>
    private static byte[] OneShot(byte[] input, int capacity, string name, StreamCall init, StreamCall finish, StreamCall end)
    {
        var output = new byte[capacity];
        z_stream stream = default;
        fixed (byte* source = input, dest = output)
        {
            Check(init(&stream), name + "Init");
            stream.next_in = source;
            stream.avail_in = (uint)input.Length;
            stream.next_out = dest;
            stream.avail_out = (uint)output.Length;
            Check(finish(&stream), name, Z.Z_STREAM_END);
            var written = (int)stream.total_out.Value;
            Check(end(&stream), name + "End");
            return output[..written];
        }
    }

    private static void Check(int status, string function, int expected = 0)
    {
        if (status != expected)
        {
            throw new InvalidOperationException($"{function} returned {status}");
        }
    }
}
