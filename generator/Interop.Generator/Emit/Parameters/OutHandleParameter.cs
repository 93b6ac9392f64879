using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary>
/// <see cref="ValueShape.OutHandle"/>: a <c>T**</c> a creating function fills, taken as <c>out</c> the SafeHandle that
/// will free the object. If converting it fails after the call, the stub frees what the callee made.
/// </summary>
internal sealed class OutHandleParameter : ParameterShape
{
    public override string FriendlyDeclaration(ParameterModel p) => $"out {HandleParameter.HandleType(p)} {Id(p)}";

    public override string FriendlyArgument(ParameterModel p) => "out " + Id(p);

    public override string FacadeDeclaration(ParameterModel p) => $"out nint {Id(p)}";

    // A handle hands its pointer over to the caller, who now owns it as an nint.
    public override string FacadeArgument(ParameterModel p, string local, List<string> before, List<string> after)
    {
        after.Add($"{Id(p)} = {local}.DetachPointer();");
        return $"out var {local}";
    }

    public override void DeclareLocals(SourceWriter w, ParameterModel p)
    {
        w.Line($"{Id(p)} = default!;");
        w.Line($"nint {Native(p)} = default;");
    }

    public override void DeclareMarshaller(SourceWriter w, ParameterModel p) =>
        w.Line($"{Marshalling}.SafeHandleMarshaller<{HandleParameter.HandleType(p)}>.ManagedToUnmanagedOut {Native(p)}__marshaller = new();");

    public override bool OwnsCalleeResult => true;

    public override string StubArgument(ParameterModel p) => $"({TypeText.Of(p.Type)})&{Native(p)}";

    public override void CaptureResult(SourceWriter w, ParameterModel p) => w.Line($"{Native(p)}__marshaller.FromUnmanaged({Native(p)});");

    public override void ToManaged(SourceWriter w, ParameterModel p) => w.Line($"{Id(p)} = {Native(p)}__marshaller.ToManaged();");

    public override void FreeCalleeResult(SourceWriter w, ParameterModel p) => w.Line($"{Native(p)}__marshaller.Free();");
}
