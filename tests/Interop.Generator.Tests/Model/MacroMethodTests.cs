using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

/// <summary>Function-like macros: what becomes a method (with which types and C conversions), and what is refused where.</summary>
public sealed class MacroMethodTests
{
    private const string Header = """
        int sum3(int a, unsigned b, long c);
        #define BITS(x, y) ((x) << 8 | (y))
        #define EITHER(a, b) ((a) || (b))
        #define WRAP(u) ((unsigned)(u) - 1u)
        #define CALL(a) sum3((a), 2, 3)
        #define SWAP(a, b) do { int t = (a); (a) = (b); (b) = t; } while (0)
        #define PASTE(n) n##_suffix
        #define UNUSED(x) 42
        #define FIELD(p) ((p)->field)
        """;

    [Fact]
    public void Expression_macros_become_methods_with_inferred_types()
    {
        var model = TestHeaders.Compile(Header).Model!;
        var methods = model.MacroMethods.ToDictionary(m => m.Name);

        Assert.Equal(new[] { "BITS", "CALL", "EITHER", "WRAP" }, methods.Keys.Order());
        Assert.Equal(TypeRef.Int, methods["BITS"].ReturnType);
        Assert.All(methods["BITS"].Parameters, p => Assert.Equal(TypeRef.Int, p.Type));
        Assert.Equal(TypeRef.Int, methods["EITHER"].ReturnType);
        Assert.Equal(TypeRef.UInt, methods["WRAP"].ReturnType);
        Assert.Equal(TypeRef.UInt, methods["WRAP"].Parameters[0].Type);
        Assert.Equal(TypeRef.Int, methods["CALL"].Parameters[0].Type);
    }

    [Fact]
    public void The_emitted_methods_keep_Cs_semantics()
    {
        var text = BindingsEmitter.Emit(TestHeaders.Compile(Header).Model!)[0].Text;

        Assert.Contains("public static int EITHER(int a, int b) => unchecked(((a != 0) || (b != 0) ? 1 : 0));", text);
        Assert.Contains("public static uint WRAP(uint u) => unchecked((u - 1U));", text);
        // C converts the int arguments to the function's unsigned and long parameters.
        Assert.Contains("sum3(a, ((uint)(2)), new global::System.Runtime.InteropServices.CLong((nint)(3)))", text);
    }

    [Theory]
    [InlineData("SWAP", 6, "is a statement macro")]
    [InlineData("PASTE", 7, "pastes tokens (##)")]
    [InlineData("UNUSED", 8, "does not use its parameter 'x'")]
    [InlineData("FIELD", 9, "uses '->'")]
    public void A_macro_that_cannot_be_bound_gets_an_Info_at_its_define(string name, int line, string reason)
    {
        var diagnostic = Assert.Single(TestHeaders.Compile(Header).Diagnostics, d => d.Id == DiagnosticKind.MacroNotBound.Id && d.Message.Contains($"'{name}'"));

        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(line, diagnostic.Location.Line);
        Assert.Contains(reason, diagnostic.Message);
    }
}
