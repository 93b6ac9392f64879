using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Declares a C function as a <c>[LibraryImport]</c> partial method: the SDK's LibraryImport generator
/// then writes the stub, exactly as for a hand-written declaration.
/// </summary>
internal static class FunctionEmitter
{
    public static void Emit(SourceWriter w, FunctionModel function)
    {
        w.Doc(function.Doc);
        w.Line($"[{BindingsEmitter.InteropServices}.LibraryImport(LibraryName, EntryPoint = \"{function.EntryPoint}\")]");
        w.Line($"[{BindingsEmitter.InteropServices}.UnmanagedCallConv(CallConvs = new global::System.Type[] {{ typeof(global::System.Runtime.CompilerServices.CallConvCdecl) }})]");
        var parameters = string.Join(", ", function.Parameters.Select(p => $"{p.CSharpType} {p.Name}"));
        w.Line($"public static partial {function.ReturnType} {CSharpNames.Escape(function.Name)}({parameters});");
    }
}
