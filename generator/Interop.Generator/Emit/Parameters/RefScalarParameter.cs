using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary><see cref="ValueShape.RefScalar"/>: a non-const pointer to a number, taken as <c>ref T</c>.</summary>
internal sealed class RefScalarParameter : ParameterShape
{
    public override string FriendlyDeclaration(ParameterModel p) => $"ref {TypeText.Of(p.Pointee)} {Id(p)}";

    public override string FriendlyArgument(ParameterModel p) => "ref " + Id(p);

    public override string FacadeDeclaration(ParameterModel p) => $"ref {FacadeTypes.Text(p.Pointee)} {Id(p)}";

    public override string FacadeArgument(ParameterModel p, string local, List<string> before, List<string> after)
    {
        if (!p.Pointee.IsCLong)
        {
            return $"ref {Id(p)}";
        }

        // ref long cannot alias a CLong (4 bytes on Windows): copy in, call, copy out.
        before.Add($"var {local} = {FacadeTypes.ToNative(p.Pointee, Id(p))};");
        after.Add($"{Id(p)} = {local}.Value;");
        return $"ref {local}";
    }

    public override bool CanBeFacadeBuffer => true;

    public override string FacadeBufferArgument(string local) => $"ref *{local}";

    // Ref arguments point straight at the caller's variable.
    public override string? Pin(ParameterModel p) => $"fixed ({TypeText.Of(p.Type)} {Native(p)} = &{Id(p)})";

    public override string StubArgument(ParameterModel p) => Native(p);
}
