using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Declares a C function as a <c>[LibraryImport]</c> partial method: the SDK's LibraryImport generator
/// then writes the stub, exactly as for a hand-written declaration. When some parameters have a
/// friendlier C# form (UTF-8 strings, bool, out and ref), a second overload with the same entry point
/// lets those marshallers do the work; the raw blittable overload always stays.
/// </summary>
internal static class FunctionEmitter
{
    public static void Emit(SourceWriter w, FunctionModel function)
    {
        w.Doc(function.Doc);
        Declare(w, function, string.Join(", ", function.Parameters.Select(p => $"{p.CSharpType} {p.Name}")), utf8: false);

        if (function.HasFriendlyOverload)
        {
            w.Line();
            w.Doc(function.Doc);
            var parameters = string.Join(", ", function.Parameters.Select(p => p.FriendlyDeclaration));
            Declare(w, function, parameters, utf8: function.Parameters.Any(p => p.Shape == ValueShape.Utf8String));
        }
    }

    private static void Declare(SourceWriter w, FunctionModel function, string parameters, bool utf8)
    {
        var marshalling = utf8 ? ", StringMarshalling = global::System.Runtime.InteropServices.StringMarshalling.Utf8" : "";
        w.Line($"[{BindingsEmitter.InteropServices}.LibraryImport(LibraryName, EntryPoint = \"{function.EntryPoint}\"{marshalling})]");
        w.Line($"[{BindingsEmitter.InteropServices}.UnmanagedCallConv(CallConvs = new global::System.Type[] {{ typeof(global::System.Runtime.CompilerServices.CallConvCdecl) }})]");
        w.Line($"public static partial {function.ReturnType} {CSharpNames.Escape(function.Name)}({parameters});");
    }
}
