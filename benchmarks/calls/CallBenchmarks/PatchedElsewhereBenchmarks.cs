using BenchmarkDotNet.Attributes;
using Calls.Native;
using Interop.Runtime.Mocking;

namespace Calls;

/// <summary>
/// The ambient accessor's slow path: some other async flow (another test, say) has an override open, so every
/// <c>Current</c> read must consult the AsyncLocal. This flow itself is not patched.
/// </summary>
[MemoryDiagnoser]
public class PatchedElsewhereBenchmarks
{
    private readonly AmbientOverride<ICore> _ambient = new(CoreNative.Instance);
    private readonly ManualResetEventSlim _release = new();
    private Thread? _patcher;
    private int _x = 10;
    private int _y = 20;

    [GlobalSetup]
    public void OpenAnOverrideOnAnotherThread()
    {
        using var opened = new ManualResetEventSlim();
        _patcher = new Thread(() =>
        {
            // The replacement's identity does not matter; that an override is open somewhere does.
            using (_ambient.Use(CoreNative.Instance))
            {
                opened.Set();
                _release.Wait();
            }
        }) { IsBackground = true };
        _patcher.Start();
        opened.Wait();
    }

    [GlobalCleanup]
    public void CloseIt()
    {
        _release.Set();
        _patcher?.Join();
    }

    [Benchmark(Description = "ambient accessor, an override open in another flow")]
    public int AmbientAccessorWhilePatchedElsewhere() => _ambient.Current.my_add(_x, _y);

}
