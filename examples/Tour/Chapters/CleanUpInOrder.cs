using Interop.Runtime.Processes;
using Interop.Runtime.Scopes;

namespace Tour.Chapters;

/// <summary>
/// Idea 3 (the lesson's point 67, <c>contextlib.ExitStack</c>): native resources acquired one by one are released in
/// reverse order, every release runs even when one fails, and neither the work's error nor a clean-up error is lost.
/// </summary>
internal static class CleanUpInOrder
{
    public static void Run(Narrator narrator)
    {
        narrator.Chapter("Clean up native resources in order, losing no error", "with ExitStack() as stack: stack.enter_context(...)");
        narrator.Say("The work takes two native buffers and a shared-memory array, registers a clean-up that will fail, then fails itself.");

        var released = new List<string>();
        SharedArray<long>? shared = null;
        Exception? error = null;
        try
        {
            // <snippet:cleanup>
            ExitStack.Run(stack =>
            {
                var input = stack.Enter(NativeBuffer.Allocate("input buffer", 1 << 20, released.Add));   // SafeHandles
                var output = stack.Enter(NativeBuffer.Allocate("output buffer", 1 << 20, released.Add));
                stack.Callback(() => throw new IOException("flushing the summary failed"));            // a failing clean-up
                shared = stack.Enter(SharedArray<long>.Create(8192));                                  // released first
                throw new InvalidOperationException("the work failed halfway");
            });
            // </snippet>
        }
        catch (Exception caught)
        {
            error = caught;
        }

        narrator.Result($"Released last in, first out: the shared-memory array ({(IsUnmapped(shared) ? "unmapped" : "STILL MAPPED")}), the failing clean-up, then {string.Join(", then ", released)}");
        if (error is AggregateException { InnerExceptions: var errors })
        {
            narrator.Caught($"ExitStack.Run threw one AggregateException holding both errors, the work's first: {string.Join("; ", errors.Select(e => $"{e.GetType().Name}: {e.Message}"))}");
        }
        else
        {
            narrator.Caught($"Unexpected: {error?.GetType().Name ?? "no error"}");
        }

        narrator.Say("With a plain using, C# would have let the clean-up's IOException replace the work's error; Python chains it as __context__.");
    }

    private static bool IsUnmapped(SharedArray<long>? shared)
    {
        if (shared is null)
        {
            return false;
        }

        try
        {
            _ = shared.AsSpan();
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}
