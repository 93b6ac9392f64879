using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary>
/// <see cref="ValueShape.Utf8String"/>: a <c>const char*</c> taken as <c>string?</c>, encoded as UTF-8 for the call (on
/// the stack when short, as LibraryImport does) and freed after it. As a result, the facade copies the C string.
/// </summary>
internal sealed class Utf8StringParameter : ParameterShape
{
    public override string FriendlyDeclaration(ParameterModel p) => $"string? {Id(p)}";

    public override bool NeedsUtf8StringMarshalling => true;

    public override string FacadeDeclaration(ParameterModel p) => $"string? {Id(p)}";

    public override string FacadeArgument(ParameterModel p, string local, List<string> before, List<string> after) => Id(p);

    public override string FacadeReturnType(TypeRef raw) => "string?";

    public override string FacadeReturn(TypeRef raw, string call) => $"global::System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint){call})";

    public override void DeclareLocals(SourceWriter w, ParameterModel p) => w.Line($"byte* {Native(p)} = default;");

    public override void DeclareMarshaller(SourceWriter w, ParameterModel p) =>
        w.Line($"scoped {Marshalling}.Utf8StringMarshaller.ManagedToUnmanagedIn {Native(p)}__marshaller = new();");

    public override bool FreesAfterCall => true;

    // Short strings are encoded on the stack, as LibraryImport does; longer ones in native memory.
    public override void Marshal(SourceWriter w, ParameterModel p) =>
        w.Line($"{Native(p)}__marshaller.FromManaged({Id(p)}, stackalloc byte[{Marshalling}.Utf8StringMarshaller.ManagedToUnmanagedIn.BufferSize]);");

    public override void ToUnmanaged(SourceWriter w, ParameterModel p) => w.Line($"{Native(p)} = {Native(p)}__marshaller.ToUnmanaged();");

    public override string StubArgument(ParameterModel p) => $"({TypeText.Of(p.Type)}){Native(p)}";

    public override void FreeAfterCall(SourceWriter w, ParameterModel p) => w.Line($"{Native(p)}__marshaller.Free();");
}
