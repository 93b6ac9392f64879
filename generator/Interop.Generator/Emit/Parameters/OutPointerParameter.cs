using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary><see cref="ValueShape.OutPointer"/>: a <c>T**</c> filled by the callee, taken as <c>out T*</c> (the facade's <c>out nint</c>).</summary>
internal sealed class OutPointerParameter : ParameterShape
{
    public override string FriendlyDeclaration(ParameterModel p) => $"out {TypeText.Of(p.Pointee)} {Id(p)}";

    public override string FriendlyArgument(ParameterModel p) => "out " + Id(p);

    public override string FacadeDeclaration(ParameterModel p) => $"out nint {Id(p)}";

    public override string FacadeArgument(ParameterModel p, string local, List<string> before, List<string> after)
    {
        after.Add($"{Id(p)} = (nint){local};");
        return $"out var {local}";
    }

    public override void DeclareLocals(SourceWriter w, ParameterModel p) => w.Line($"{Id(p)} = default;");

    // Out arguments point straight at the caller's variable.
    public override string? Pin(ParameterModel p) => $"fixed ({TypeText.Of(p.Type)} {Native(p)} = &{Id(p)})";

    public override string StubArgument(ParameterModel p) => Native(p);
}
