using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary><see cref="ValueShape.Bool"/>: C's <c>_Bool</c> as a <c>bool</c>, one byte on the native side.</summary>
internal sealed class BoolParameter : ParameterShape
{
    public override string FriendlyDeclaration(ParameterModel p) =>
        $"[global::System.Runtime.InteropServices.MarshalAs(global::System.Runtime.InteropServices.UnmanagedType.U1)] bool {Id(p)}";

    public override string FacadeDeclaration(ParameterModel p) => $"bool {Id(p)}";

    public override string FacadeArgument(ParameterModel p, string local, List<string> before, List<string> after) => Id(p);

    public override string FacadeReturnType(TypeRef raw) => "bool";

    public override string FacadeReturn(TypeRef raw, string call) => $"{call} != 0";

    public override void DeclareLocals(SourceWriter w, ParameterModel p) => w.Line($"byte {Native(p)} = default;");

    public override void Marshal(SourceWriter w, ParameterModel p) => w.Line($"{Native(p)} = (byte)({Id(p)} ? 1 : 0);");

    public override string StubArgument(ParameterModel p) => Native(p);
}
