namespace Interop.Generator.Emit;

/// <summary>
/// The one writer of a native entry point's declaration: the <c>[LibraryImport]</c> (or, for compilers without the
/// pre-compilation phase, <c>[DllImport]</c>) attribute, <c>[SuppressGCTransition]</c>
/// when asked for, and the <c>partial</c>/<c>extern</c> method line.
/// </summary>
internal static class NativeImport
{
    /// <param name="w">The writer, positioned where the declaration goes.</param>
    /// <param name="mode">LibraryImport (a partial method the SDK's generator implements) or DllImport (an extern forwarder).</param>
    /// <param name="library">The expression naming the library, e.g. <c>LibraryName</c>.</param>
    /// <param name="entryPoint">The exported symbol.</param>
    /// <param name="returnType">The C# return type.</param>
    /// <param name="name">The C# method name, escaped.</param>
    /// <param name="parameters">The parameter list, without parentheses.</param>
    /// <param name="utf8Strings">Whether a <c>string</c> parameter needs <c>StringMarshalling = Utf8</c> (LibraryImport only).</param>
    /// <param name="suppressGCTransition">Marked by the user as short, non-blocking and never calling back into .NET.</param>
    public static void Write(SourceWriter w, ImportMode mode, string library, string entryPoint, string returnType, string name, string parameters, bool utf8Strings = false, bool suppressGCTransition = false)
    {
        var marshalling = utf8Strings ? $", StringMarshalling = {BindingsEmitter.InteropServices}.StringMarshalling.Utf8" : "";
        // ExactSpelling: no probing for ...A/...W variants, as LibraryImport's own forwarders do.
        w.Line(mode == ImportMode.DllImport
            ? $"[{BindingsEmitter.InteropServices}.DllImport({library}, EntryPoint = \"{entryPoint}\", ExactSpelling = true)]"
            : $"[{BindingsEmitter.InteropServices}.LibraryImport({library}, EntryPoint = \"{entryPoint}\"{marshalling})]");
        // No [UnmanagedCallConv]: every target bound is 64-bit (x86_64, aarch64), where C has one calling convention and
        // it is the P/Invoke default, so the declaration stays the one a user writes by hand (benchmarks/calls/parity.sh).
        if (suppressGCTransition)
        {
            w.Line($"[{BindingsEmitter.InteropServices}.SuppressGCTransition]");
        }

        w.Line($"public static {(mode == ImportMode.DllImport ? "extern" : "partial")} {returnType} {name}({parameters});");
    }
}
