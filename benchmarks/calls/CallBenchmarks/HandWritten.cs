using System.Runtime.InteropServices;

namespace Calls;

/// <summary>What a user would write by hand without the generator: the baselines the generated code is measured against.</summary>
internal static partial class HandWritten
{
    /// <summary>A plain hand-written <c>[LibraryImport]</c> of <c>my_add</c>.</summary>
    [LibraryImport("interop_core", EntryPoint = "my_add")]
    internal static partial int my_add(int x, int y);

    /// <summary>
    /// Hand-written with <c>[SuppressGCTransition]</c>: no GC-mode switch around the call. Only valid for short functions that
    /// never block, call back or allocate, as <c>my_add</c>. The generator does not emit this yet.
    /// </summary>
    [LibraryImport("interop_core", EntryPoint = "my_add")]
    [SuppressGCTransition]
    internal static partial int my_add_no_gc_transition(int x, int y);

    /// <summary>libc's <c>strlen</c> with the SDK's UTF-8 string marshalling (stack buffer for short strings).</summary>
    [LibraryImport("libc", EntryPoint = "strlen", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nuint strlen(string s);

    /// <summary>libc's <c>strlen</c> on raw bytes, for hand-written marshalling.</summary>
    [LibraryImport("libc", EntryPoint = "strlen")]
    internal static unsafe partial nuint strlen(byte* s);
}
