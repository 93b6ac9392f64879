using BenchmarkDotNet.Attributes;
using Calls.Native;

namespace Calls;

/// <summary>One call of the C core's <c>my_add</c> through each way of reaching it.</summary>
[MemoryDiagnoser]
public class NativeCallBenchmarks
{
    // Typed as the interface, as code taking ICore by constructor injection holds it.
    private readonly ICore _facade = CoreNative.Instance;
    private int _x = 10;
    private int _y = 20;

    [Benchmark(Baseline = true, Description = "hand-written [LibraryImport]")]
    public int HandWrittenLibraryImport() => HandWritten.my_add(_x, _y);

    [Benchmark(Description = "generated binding (Core.my_add)")]
    public int GeneratedBinding() => Core.my_add(_x, _y);

    [Benchmark(Description = "generated facade (ICore -> CoreNative)")]
    public int Facade() => _facade.my_add(_x, _y);

    // The generated accessor (Core.Current over an AmbientOverride<ICore>) with nothing overridden: the production path.
    [Benchmark(Description = "ambient accessor (Core.Current.my_add)")]
    public int AmbientAccessor() => Core.Current.my_add(_x, _y);

    [Benchmark(Description = "hand-written [LibraryImport]+[SuppressGCTransition]")]
    public int SuppressGCTransition() => HandWritten.my_add_no_gc_transition(_x, _y);

    [Benchmark(Description = "generated, marked SuppressGCTransition (CoreFast.my_add)")]
    public int GeneratedSuppressGCTransition() => Calls.Native.Fast.CoreFast.my_add(_x, _y);
}
