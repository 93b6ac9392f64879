using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Writes a <c>SafeHandle</c> per owned native object type: it frees the object with the library's own
/// release function, and the functions that create such objects are declared on it, returning it.
/// </summary>
internal static class HandleEmitter
{
    public static void Emit(SourceWriter w, BindingModel model, HandleModel handle, ImportMode mode = ImportMode.LibraryImport)
    {
        var pointer = handle.PointerType;
        w.Line($"/// <summary>Owns a <c>{Escape(pointer)}</c> and frees it with <c>{handle.ReleaseFunction}</c> when disposed or finalized.</summary>");
        w.Open($"public sealed unsafe partial class {handle.Name} : global::System.Runtime.InteropServices.SafeHandle");
        w.Line("/// <summary>An empty handle, for the marshaller to fill.</summary>");
        w.Line($"public {handle.Name}() : base(nint.Zero, ownsHandle: true) {{ }}");
        w.Line();
        w.Line("/// <summary>Wraps a pointer; with <paramref name=\"ownsHandle\"/> false the object is only borrowed and never freed here.</summary>");
        w.Line($"public {handle.Name}({pointer} pointer, bool ownsHandle = true) : base(nint.Zero, ownsHandle) => SetHandle((nint)pointer);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override bool IsInvalid => handle == nint.Zero;");
        w.Line();
        w.Line("/// <summary>The native pointer, for the raw bindings; valid while this handle is alive.</summary>");
        w.Line($"public {pointer} Pointer => ({pointer})handle;");
        w.Line();
        w.Line("/// <summary>Gives up ownership: returns the pointer and leaves this handle closed without freeing it.</summary>");
        w.Open("public nint DetachPointer()");
        w.Line("var pointer = handle;");
        w.Line("SetHandleAsInvalid();");
        w.Line("return pointer;");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open("protected override bool ReleaseHandle()");
        w.Line($"{model.ClassName}.{CSharpNames.Escape(handle.ReleaseFunction)}(({pointer})handle);");
        w.Line("return true;");
        w.Close();

        foreach (var creator in model.Functions.Where(f => f.ReturnHandle == handle.Name))
        {
            w.Line();
            w.Doc(creator.Doc);
            var parameters = string.Join(", ", creator.Parameters.Select(p => p.FriendlyDeclaration));
            if (mode == ImportMode.DllImport)
            {
                MarshallingStub.Emit(w, $"public static {handle.Name} {CSharpNames.Escape(creator.Name)}({parameters})", creator, $"{model.ClassName}.{CSharpNames.Escape(creator.Name)}", handle.Name);
                continue;
            }

            var utf8 = creator.Parameters.Any(p => p.Shape == ValueShape.Utf8String);
            var marshalling = utf8 ? ", StringMarshalling = global::System.Runtime.InteropServices.StringMarshalling.Utf8" : "";
            w.Line($"[{BindingsEmitter.InteropServices}.LibraryImport({model.ClassName}.LibraryName, EntryPoint = \"{creator.EntryPoint}\"{marshalling})]");
            w.Line($"[{BindingsEmitter.InteropServices}.UnmanagedCallConv(CallConvs = new global::System.Type[] {{ typeof(global::System.Runtime.CompilerServices.CallConvCdecl) }})]");
            w.Line($"public static partial {handle.Name} {CSharpNames.Escape(creator.Name)}({parameters});");
        }

        w.Close();
    }

    private static string Escape(string text) => text.Replace("<", "&lt;").Replace(">", "&gt;");
}
