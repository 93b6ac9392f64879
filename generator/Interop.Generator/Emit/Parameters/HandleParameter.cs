using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary>
/// <see cref="ValueShape.Handle"/>: a pointer to an object a <see cref="HandleModel"/> owns, taken as that SafeHandle,
/// which is kept alive (its reference count raised) for the call. The facade passes the pointer as <c>nint</c>.
/// </summary>
internal sealed class HandleParameter : ParameterShape
{
    public override string FriendlyDeclaration(ParameterModel p) => $"{HandleType(p)} {Id(p)}";

    public override string FacadeDeclaration(ParameterModel p) => $"nint {Id(p)}";

    // Borrowed for the call: the facade's caller still owns the object.
    public override string FacadeArgument(ParameterModel p, string local, List<string> before, List<string> after) =>
        $"new {HandleType(p)}(({TypeText.Of(p.Type)}){Id(p)}, ownsHandle: false)";

    public override void DeclareLocals(SourceWriter w, ParameterModel p) => w.Line($"nint {Native(p)} = default;");

    public override void DeclareMarshaller(SourceWriter w, ParameterModel p) =>
        w.Line($"{Marshalling}.SafeHandleMarshaller<{HandleType(p)}>.ManagedToUnmanagedIn {Native(p)}__marshaller = new();");

    public override bool FreesAfterCall => true;

    public override void Marshal(SourceWriter w, ParameterModel p) => w.Line($"{Native(p)}__marshaller.FromManaged({Id(p)});");

    public override void ToUnmanaged(SourceWriter w, ParameterModel p) => w.Line($"{Native(p)} = {Native(p)}__marshaller.ToUnmanaged();");

    public override string StubArgument(ParameterModel p) => $"({TypeText.Of(p.Type)}){Native(p)}";

    public override void FreeAfterCall(SourceWriter w, ParameterModel p) => w.Line($"{Native(p)}__marshaller.Free();");

    internal static string HandleType(ParameterModel p) =>
        CSharpNames.Escape(p.HandleType ?? throw new InvalidOperationException($"parameter '{p.Name}' has no handle type"));
}
