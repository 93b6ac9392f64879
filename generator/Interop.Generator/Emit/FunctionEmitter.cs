using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Declares a C function as a <c>[LibraryImport]</c> partial method: the SDK's LibraryImport generator
/// then writes the stub, exactly as for a hand-written declaration. When some parameters have a
/// friendlier C# form (UTF-8 strings, bool, out and ref), a second overload with the same entry point
/// lets those marshallers do the work; the raw blittable overload always stays.
/// In <see cref="ImportMode.DllImport"/> mode (compilers without the pre-compilation phase) the raw overload
/// is the blittable <c>[DllImport]</c> forwarder LibraryImport would have written, and the friendly one
/// marshals by hand (<see cref="MarshallingStub"/>): the same public signatures either way.
/// </summary>
internal static class FunctionEmitter
{
    public static void Emit(SourceWriter w, FunctionModel function, ImportMode mode = ImportMode.LibraryImport)
    {
        w.Doc(function.Doc);
        Declare(w, function, string.Join(", ", function.Parameters.Select(p => $"{p.CSharpType} {p.Name}")), utf8: false, mode);

        if (function.HasFriendlyOverload)
        {
            w.Line();
            w.Doc(function.Doc);
            var parameters = string.Join(", ", function.Parameters.Select(p => p.FriendlyDeclaration));
            if (mode == ImportMode.DllImport)
            {
                MarshallingStub.Emit(w, $"public static {function.ReturnType} {CSharpNames.Escape(function.Name)}({parameters})", function, CSharpNames.Escape(function.Name), returnHandle: null);
            }
            else
            {
                Declare(w, function, parameters, utf8: function.Parameters.Any(p => p.Shape == ValueShape.Utf8String), mode);
            }
        }

        if (function.Spans.Count > 0)
        {
            EmitSpanOverload(w, function);
        }
    }

    /// <summary>
    /// A plain C# overload for the span rule: spans stand for pointer and length pairs, are pinned, and
    /// the raw entry point is called with their address and length. Other parameters stay raw.
    /// </summary>
    private static void EmitSpanOverload(SourceWriter w, FunctionModel function)
    {
        var pairs = function.Spans.ToDictionary(p => p.Pointer);
        var lengths = new HashSet<string>(function.Spans.Select(p => p.Length));
        var parameters = function.Parameters.Where(p => !lengths.Contains(p.Name))
            .Select(p => pairs.TryGetValue(p.Name, out var pair) ? $"{pair.SpanType} {p.Name}" : $"{p.CSharpType} {p.Name}");
        var arguments = function.Parameters.Select(p =>
            pairs.TryGetValue(p.Name, out var pair) ? $"{p.Name.TrimStart('@')}Pointer"
            : function.Spans.FirstOrDefault(s => s.Length == p.Name) is { } lengthOf ? lengthOf.LengthArgument
            : p.Name);

        w.Line();
        w.Doc(function.Doc);
        w.Open($"public static {function.ReturnType} {CSharpNames.Escape(function.Name)}({string.Join(", ", parameters)})");
        foreach (var pair in function.Spans)
        {
            w.Line($"fixed ({pair.ElementType}* {pair.Pointer.TrimStart('@')}Pointer = {pair.Pointer})");
        }

        var call = $"{CSharpNames.Escape(function.Name)}({string.Join(", ", arguments)});";
        w.Line("{");
        w.Line(function.ReturnType == "void" ? $"    {call}" : $"    return {call}");
        w.Line("}");
        w.Close();
    }

    private static void Declare(SourceWriter w, FunctionModel function, string parameters, bool utf8, ImportMode mode)
    {
        var marshalling = utf8 ? ", StringMarshalling = global::System.Runtime.InteropServices.StringMarshalling.Utf8" : "";
        // ExactSpelling: no probing for ...A/...W variants, as LibraryImport's own forwarders do.
        w.Line(mode == ImportMode.DllImport
            ? $"[{BindingsEmitter.InteropServices}.DllImport(LibraryName, EntryPoint = \"{function.EntryPoint}\", ExactSpelling = true)]"
            : $"[{BindingsEmitter.InteropServices}.LibraryImport(LibraryName, EntryPoint = \"{function.EntryPoint}\"{marshalling})]");
        w.Line($"[{BindingsEmitter.InteropServices}.UnmanagedCallConv(CallConvs = new global::System.Type[] {{ typeof(global::System.Runtime.CompilerServices.CallConvCdecl) }})]");
        if (function.SuppressGCTransition)
        {
            // Marked by the user as short, non-blocking and never calling back into .NET.
            w.Line($"[{BindingsEmitter.InteropServices}.SuppressGCTransition]");
        }

        w.Line($"public static {(mode == ImportMode.DllImport ? "extern" : "partial")} {function.ReturnType} {CSharpNames.Escape(function.Name)}({parameters});");
    }
}
