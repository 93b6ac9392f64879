using BenchmarkDotNet.Attributes;
using Calls.Native;

namespace Calls;

/// <summary>
/// A call taking a short <c>const char*</c> (the C core's <c>interop_text_length</c>): UTF-8 marshalling written by hand
/// against the generated <c>string</c> overload, which leaves the marshalling to the SDK's LibraryImport generator.
/// </summary>
[MemoryDiagnoser]
public class StringCallBenchmarks
{
    private string _text = "Timer 'MyProcess' started...";

    [Benchmark(Baseline = true, Description = "text_length, hand-written UTF-8 marshalling")]
    public nuint HandWrittenUtf8() => Utf8Call.TextLength(_text);

    [Benchmark(Description = "text_length, generated string overload")]
    public nuint GeneratedStringOverload() => Core.interop_text_length(_text);
}
