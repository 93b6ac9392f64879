using System.Buffers.Binary;

namespace Interop.Runtime.Processes.Protocol;

/// <summary>What a frame between the pool and a worker carries; each kind has one message type in this folder.</summary>
internal enum FrameKind : byte
{
    /// <summary>Worker → pool, once (<see cref="HelloMessage"/>).</summary>
    Hello = 1,

    /// <summary>Pool → worker: one chunk to run (<see cref="RunMessage"/>).</summary>
    Run = 2,

    /// <summary>Worker → pool: results of consecutive tasks of a chunk, each length-prefixed (<see cref="ResultsMessage"/>).</summary>
    Results = 3,

    /// <summary>Worker → pool: one task threw (<see cref="TaskErrorMessage"/>).</summary>
    TaskError = 4,

    /// <summary>Pool → worker: finish and exit with code 0 (<see cref="ShutdownMessage"/>).</summary>
    Shutdown = 5,

    /// <summary>Worker → pool: <see cref="Results"/> for results that all have the task's fixed size (<see cref="ResultsMessage"/>).</summary>
    FixedResults = 6,
}

/// <summary>
/// The envelope every message travels in: a little-endian int32 body length, one <see cref="FrameKind"/> byte,
/// then the body. Strings and byte blocks inside a body are int32 length-prefixed. Nothing else ever travels on
/// the worker socket; worker stdout/stderr are separate pipes.
/// </summary>
internal static class Frame
{
    public const int HeaderSize = 5;

    /// <summary>Refuse absurd lengths so a corrupt stream fails fast instead of allocating gigabytes.</summary>
    public const int MaxBodyLength = 512 * 1024 * 1024;

    /// <summary>Reads a header; a length or kind no peer can send is a protocol violation.</summary>
    public static int ParseHeader(ReadOnlySpan<byte> header, out FrameKind kind)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        kind = (FrameKind)header[4];
        if (length < 0 || length > MaxBodyLength || kind is < FrameKind.Hello or > FrameKind.FixedResults)
        {
            throw new InvalidDataException($"corrupt frame header (length {length}, kind {(byte)kind})");
        }

        return length;
    }
}
