// Compiled at test time together with the generated zstd bindings (see UsageAssembly).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Interop.RealHeaders.Tests.Usage;
using RealHeaders.Zstd;
using Z = RealHeaders.Zstd.Zstd;

namespace Interop.RealHeaders.Tests.Usage.Drivers;

public sealed unsafe class ZstdDriver : IZstdUsage
{
    public uint VersionNumber => Z.ZSTD_versionNumber();

    public uint HeaderVersionNumber => (uint)Z.ZSTD_VERSION_NUMBER;

    public byte[] Compress(byte[] data, int level)
    {
        var output = new byte[(int)Z.ZSTD_compressBound((nuint)data.Length)];
        fixed (byte* source = data, destination = output)
        {
            var written = Check(Z.ZSTD_compress(destination, (nuint)output.Length, source, (nuint)data.Length, level), "ZSTD_compress");
            return output[..(int)written];
        }
    }

    public byte[] CompressStreaming(byte[] data, int chunkSize)
    {
        var context = Z.ZSTD_createCCtx();
        try
        {
            Check(Z.ZSTD_CCtx_setParameter(context, ZSTD_cParameter.ZSTD_c_checksumFlag, 1), "ZSTD_CCtx_setParameter");
            var output = new byte[(int)Z.ZSTD_compressBound((nuint)data.Length) + 1024];
            fixed (byte* source = data, destination = output)
            {
                var outBuffer = new ZSTD_outBuffer { dst = destination, size = (nuint)output.Length, pos = 0 };
                for (var offset = 0; offset < data.Length; offset += chunkSize)
                {
                    var last = offset + chunkSize >= data.Length;
                    var inBuffer = new ZSTD_inBuffer { src = source + offset, size = (nuint)Math.Min(chunkSize, data.Length - offset), pos = 0 };
                    var directive = last ? ZSTD_EndDirective.ZSTD_e_end : ZSTD_EndDirective.ZSTD_e_continue;
                    nuint remaining;
                    do
                    {
                        remaining = Check(Z.ZSTD_compressStream2(context, &outBuffer, &inBuffer, directive), "ZSTD_compressStream2");
                    }
                    while (inBuffer.pos < inBuffer.size || (last && remaining != 0));
                }

                return output[..(int)outBuffer.pos];
            }
        }
        finally
        {
            Z.ZSTD_freeCCtx(context);
        }
    }

    public ulong? FrameContentSize(byte[] frame)
    {
        fixed (byte* source = frame)
        {
            var size = Z.ZSTD_getFrameContentSize(source, (nuint)frame.Length);
            return size is Z.ZSTD_CONTENTSIZE_UNKNOWN or Z.ZSTD_CONTENTSIZE_ERROR ? null : size;
        }
    }

    public byte[] Decompress(byte[] frame, int capacity)
    {
        var output = new byte[capacity];
        fixed (byte* source = frame, destination = output)
        {
            var written = Check(Z.ZSTD_decompress(destination, (nuint)capacity, source, (nuint)frame.Length), "ZSTD_decompress");
            return output[..(int)written];
        }
    }

    private static nuint Check(nuint result, string function) =>
        Z.ZSTD_isError(result) != 0
            ? throw new InvalidOperationException($"{function}: {Marshal.PtrToStringUTF8((nint)Z.ZSTD_getErrorName(result))}")
            : result;
}
