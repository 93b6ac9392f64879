// Compiled at test time together with the generated zlib bindings (see UsageAssembly).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Interop.RealHeaders.Tests.Usage;
using RealHeaders.Zlib;
using Z = RealHeaders.Zlib.Zlib;

namespace Interop.RealHeaders.Tests.Usage.Drivers;

public sealed unsafe class ZlibDriver : IZlibUsage
{
    public (string? Returned, string Macro) VersionStrings() => (Z.zlibVersion_string(), Z.ZLIB_VERSION);

    public string Version => Marshal.PtrToStringUTF8((nint)Z.zlibVersion())!;

    public byte[] Compress(byte[] data, int level)
    {
        var capacity = Z.compressBound(new CULong((nuint)data.Length));
        var destination = new byte[(int)capacity.Value];
        var length = capacity;
        fixed (byte* dest = destination, source = data)
        {
            Check(Z.compress2(dest, &length, source, new CULong((nuint)data.Length), level), "compress2");
        }

        return destination[..(int)length.Value];
    }

    public byte[] Uncompress(byte[] compressed, int originalLength)
    {
        var destination = new byte[originalLength];
        var length = new CULong((nuint)originalLength);
        fixed (byte* dest = destination, source = compressed)
        {
            Check(Z.uncompress(dest, &length, source, new CULong((nuint)compressed.Length)), "uncompress");
        }

        return destination[..(int)length.Value];
    }

    // deflateInit is a macro over deflateInit_, which checks the version and sizeof(z_stream) we pass.
    public byte[] DeflateStream(byte[] data) =>
        Deflate(data, stream => Z.deflateInit_(stream, Z.Z_BEST_COMPRESSION, Z.zlibVersion(), sizeof(z_stream)), "deflateInit_");

    // The macros pass ZLIB_VERSION and sizeof(z_stream) themselves, as zlib's own examples rely on.
    public byte[] DeflateWithMacro(byte[] data, int? windowBits) =>
        Deflate(data, stream => windowBits is { } bits
            ? Z.deflateInit2(stream, Z.Z_BEST_COMPRESSION, Z.Z_DEFLATED, bits, 8, Z.Z_DEFAULT_STRATEGY)
            : Z.deflateInit(stream, Z.Z_BEST_COMPRESSION), "deflateInit");

    public byte[] InflateWithMacro(byte[] compressed, int originalLength)
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
            var status = Z.inflate(&stream, Z.Z_FINISH);
            if (status != Z.Z_STREAM_END)
            {
                throw new InvalidOperationException($"inflate returned {status}");
            }

            var written = (int)stream.total_out.Value;
            Check(Z.inflateEnd(&stream), "inflateEnd");
            return output[..written];
        }
    }

    private delegate int StreamInit(z_stream* stream);

    /// <summary>One deflate of the whole input into one buffer, after <paramref name="init"/> set the stream up.</summary>
    private static byte[] Deflate(byte[] data, StreamInit init, string initName)
    {
        var output = new byte[data.Length + 1024];
        z_stream stream = default;
        fixed (byte* source = data, dest = output)
        {
            Check(init(&stream), initName);
            stream.next_in = source;
            stream.avail_in = (uint)data.Length;
            stream.next_out = dest;
            stream.avail_out = (uint)output.Length;
            var status = Z.deflate(&stream, Z.Z_FINISH);
            if (status != Z.Z_STREAM_END)
            {
                throw new InvalidOperationException($"deflate returned {status}");
            }

            var written = (int)stream.total_out.Value;
            Check(Z.deflateEnd(&stream), "deflateEnd");
            return output[..written];
        }
    }

    private static void Check(int status, string function)
    {
        if (status != Z.Z_OK)
        {
            throw new InvalidOperationException($"{function} returned {status}");
        }
    }
}
