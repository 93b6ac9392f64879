using BenchmarkDotNet.Attributes;
using Calls.Native;

namespace Calls;

/// <summary>
/// A pointer and length pair under the span rule (the C core's <c>interop_crc32c</c> over 16 bytes): the generated
/// <c>ReadOnlySpan&lt;byte&gt;</c> overload against the facade member, which takes a <c>ReadOnlyMemory&lt;byte&gt;</c>
/// (mockable, unlike a span) and pins its <c>.Span</c>. The difference is what the mockable form costs.
/// </summary>
public class BufferCallBenchmarks
{
    private readonly ICore _facade = CoreNative.Instance;
    private readonly byte[] _data = "0123456789abcdef"u8.ToArray();

    [Benchmark(Baseline = true, Description = "crc32c, generated span overload")]
    public uint SpanOverload() => Core.interop_crc32c(Core.INTEROP_CRC32C_INIT, _data);

    [Benchmark(Description = "crc32c, facade (ReadOnlyMemory<byte>)")]
    public uint Facade() => _facade.interop_crc32c(Core.INTEROP_CRC32C_INIT, _data);
}
