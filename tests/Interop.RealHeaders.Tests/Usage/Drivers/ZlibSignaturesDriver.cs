// Compiled at test time with zlib's bindings bound with ZlibSignatureUsageTests.Signatures (see UsageAssembly.WithOptions).
using System;
using System.Runtime.InteropServices;
using Interop.RealHeaders.Tests.Usage;
using RealHeaders.Zlib;
using Z = RealHeaders.Zlib.Zlib;

namespace Interop.RealHeaders.Tests.Usage.Drivers;

public sealed unsafe class ZlibSignaturesDriver : IZlibSignaturesUsage
{
    public byte[] DeflateWithStatedLevel(byte[] data, long level)
    {
        var output = new byte[data.Length + 1024];
        z_stream stream = default;
        fixed (byte* source = data, dest = output)
        {
            // The stated signature: deflateInit(z_streamp, long) -> int, so the level is a C long here.
            Check(Z.deflateInit(&stream, new CLong((nint)level)), "deflateInit");
            stream.next_in = source;
            stream.avail_in = (uint)data.Length;
            stream.next_out = dest;
            stream.avail_out = (uint)output.Length;
            Check(Z.deflate(&stream, Z.Z_FINISH), "deflate", Z.Z_STREAM_END);
            var written = (int)stream.total_out.Value;
            Check(Z.deflateEnd(&stream), "deflateEnd");
            return output[..written];
        }
    }

    public byte[] Inflate(byte[] compressed, int originalLength)
    {
        var output = new byte[originalLength];
        z_stream stream = default;
        fixed (byte* source = compressed, dest = output)
        {
            Check(Z.inflateInit(&stream), "inflateInit");
            stream.next_in = source;
            stream.avail_in = (uint)compressed.Length;
            stream.next_out = dest;
            stream.avail_out = (uint)output.Length;
            Check(Z.inflate(&stream, Z.Z_FINISH), "inflate", Z.Z_STREAM_END);
            var written = (int)stream.total_out.Value;
            Check(Z.inflateEnd(&stream), "inflateEnd");
            return output[..written];
        }
    }

    public ulong ThroughOF(ulong value) => (ulong)Z.OF(new CULong((nuint)value)).Value;

    private static void Check(int status, string function, int expected = 0)
    {
        if (status != expected)
        {
            throw new InvalidOperationException($"{function} returned {status}");
        }
    }
}
