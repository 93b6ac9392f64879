using BenchmarkDotNet.Attributes;

namespace Calls;

/// <summary>
/// A call taking a short <c>const char*</c> (libc's <c>strlen</c>; the C core has no string function yet): hand-written
/// UTF-8 marshalling against the SDK's LibraryImport marshalling, which the generator's string overloads rely on.
/// </summary>
[MemoryDiagnoser]
public class StringCallBenchmarks
{
    private string _text = "Timer 'MyProcess' started...";

    [Benchmark(Baseline = true, Description = "strlen, hand-written UTF-8 marshalling")]
    public nuint HandWrittenUtf8() => Utf8Call.Strlen(_text);

    [Benchmark(Description = "strlen, [LibraryImport] StringMarshalling.Utf8")]
    public nuint LibraryImportUtf8() => HandWritten.strlen(_text);
}
