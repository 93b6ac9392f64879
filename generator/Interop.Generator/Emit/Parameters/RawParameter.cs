using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary><see cref="ValueShape.Raw"/>: the blittable type itself; the facade takes pointers as <c>nint</c> and C longs as <c>long</c>.</summary>
internal sealed class RawParameter : ParameterShape
{
    public override string FriendlyDeclaration(ParameterModel p) => $"{TypeText.Of(p.Type)} {Id(p)}";

    public override string FacadeDeclaration(ParameterModel p) => $"{FacadeTypes.Text(p.Type)} {Id(p)}";

    public override string FacadeArgument(ParameterModel p, string local, List<string> before, List<string> after) => FacadeTypes.ToRaw(p.Type, Id(p));

    public override bool CanBeFacadeBuffer => true;

    public override string StubArgument(ParameterModel p) => Id(p);
}
