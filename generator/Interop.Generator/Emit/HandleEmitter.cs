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
        var name = CSharpNames.Escape(handle.Name);
        var pointer = TypeText.Of(handle.PointerType);
        w.Line($"/// <summary>Owns a <c>{Escape(pointer)}</c> and frees it with <c>{handle.ReleaseFunction}</c> when disposed or finalized.</summary>");
        w.Open($"public sealed unsafe partial class {name} : global::System.Runtime.InteropServices.SafeHandle");
        w.Line("/// <summary>An empty handle, for the marshaller to fill.</summary>");
        w.Line($"public {name}() : base(nint.Zero, ownsHandle: true) {{ }}");
        w.Line();
        w.Line("/// <summary>Wraps a pointer; with <paramref name=\"ownsHandle\"/> false the object is only borrowed and never freed here.</summary>");
        w.Line($"public {name}({pointer} pointer, bool ownsHandle = true) : base(nint.Zero, ownsHandle) => SetHandle((nint)pointer);");
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
            w.Doc(creator.Doc, creator.Parameters.Select(p => p.Name));
            var creatorName = CSharpNames.Escape(creator.Name);
            var parameters = FunctionEmitter.FriendlyParameters(creator);
            if (mode == ImportMode.DllImport)
            {
                MarshallingStub.Emit(w, $"public static {name} {creatorName}({parameters})", creator, $"{model.ClassName}.{creatorName}", name);
                continue;
            }

            NativeImport.Write(w, mode, $"{model.ClassName}.LibraryName", creator.EntryPoint, name, creatorName, parameters, FunctionEmitter.NeedsUtf8StringMarshalling(creator));
        }

        w.Close();
    }

    private static string Escape(string text) => text.Replace("<", "&lt;").Replace(">", "&gt;");
}
