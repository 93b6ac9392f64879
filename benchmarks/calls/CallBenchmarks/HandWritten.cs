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
    /// never block, call back or allocate, as <c>my_add</c>.
    /// </summary>
    [LibraryImport("interop_core", EntryPoint = "my_add")]
    [SuppressGCTransition]
    internal static partial int my_add_no_gc_transition(int x, int y);

    /// <summary>The C core's <c>interop_text_length</c> on raw bytes, for hand-written UTF-8 marshalling.</summary>
    [LibraryImport("interop_core", EntryPoint = "interop_text_length")]
    internal static unsafe partial nuint interop_text_length(byte* text);
}
