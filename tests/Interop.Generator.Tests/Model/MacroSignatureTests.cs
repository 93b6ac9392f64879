using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Emit.Shim;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

/// <summary>
/// The MacroSignatures option: stated C types bind macros inference cannot decide, win (with a warning at the #define)
/// where inference decided otherwise, are not used when the parameter count differs, reach the shim's wrappers, and a
/// malformed entry, an unknown macro or an unknown type is said, never dropped.
/// </summary>
public sealed class MacroSignatureTests
{
    private const string Header = """
        typedef unsigned long my_size;
        int takes_int(int v);
        int takes_ptr(void *p);
        int sum3(int a, unsigned b, long c);
        #define UNUSED(x) 42
        #define BOTH(a) (takes_int(a) + takes_ptr(a))
        #define SIZE_OF(n) n
        #define CALL(a) sum3((a), 2, 3)
        #define SCALE(x, k) ((unsigned)(x) * (k))
        """;

    private static HeaderResult Compile(string header, string[] signatures, string[]? shim = null) =>
        TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", shim: shim) with { MacroSignatures = signatures.ToEquatableArray() }, header);

    [Fact]
    public void Macros_inference_cannot_decide_bind_with_the_stated_types()
    {
        var without = TestHeaders.Compile(Header);
        Assert.Contains(without.Diagnostics, d => d.Id == DiagnosticKind.MacroNotBound.Id && d.Message.Contains("'UNUSED'"));
        Assert.Contains(without.Diagnostics, d => d.Id == DiagnosticKind.MacroNotBound.Id && d.Message.Contains("'BOTH'") && d.Message.Contains("state the signature with MacroSignatures"));

        var result = Compile(Header, ["UNUSED(long long) -> short", "BOTH(int) -> int", "SIZE_OF(my_size) -> my_size"]);

        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "INTEROP1200" or "INTEROP1201" || d.Severity == DiagnosticSeverity.Error);
        var methods = result.Model!.MacroMethods.ToDictionary(m => m.Name);
        Assert.Equal((TypeRef.Short, TypeRef.Long), (methods["UNUSED"].ReturnType, methods["UNUSED"].Parameters[0].Type));
        Assert.Equal(TypeRef.Int, methods["BOTH"].Parameters[0].Type);
        // The header's typedef resolves: my_size is C's unsigned long.
        Assert.Equal((TypeRef.CULong, TypeRef.CULong), (methods["SIZE_OF"].ReturnType, methods["SIZE_OF"].Parameters[0].Type));
        var text = BindingsEmitter.Emit(result.Model)[0].Text;
        Assert.Contains("public static short UNUSED(long x) => unchecked(((short)(42)));", text);
        Assert.Contains("public static int BOTH(int a) => unchecked((TestLib.takes_int(a) + TestLib.takes_ptr(((void*)(void*)(nint)(a)))));", text);
    }

    [Fact]
    public void A_stated_type_that_differs_from_a_decided_one_wins_with_a_warning_at_the_define()
    {
        var result = Compile(Header, ["CALL(long) -> long", "SCALE(int, int) -> unsigned"]);

        var warnings = result.Diagnostics.Where(d => d.Id == DiagnosticKind.MacroSignatureMismatch.Id).OrderBy(d => d.Location.Line).ToList();
        Assert.Equal([8, 9], warnings.Select(w => w.Location.Line));
        Assert.All(warnings, w => Assert.Equal(DiagnosticSeverity.Warning, w.Severity));
        Assert.Contains("'CALL'", warnings[0].Message);
        Assert.Contains("parameter 'a' is 'CLong' where its use says 'int'", warnings[0].Message);
        Assert.Contains("the result is 'CLong' where the expansion's type is 'int'", warnings[0].Message);
        Assert.Contains("the stated signature wins", warnings[0].Message);
        // SCALE's x is decided by its cast; k only defaulted to int (no finding), and the result is not compared
        // while a parameter is undecided.
        Assert.Contains("parameter 'x' is 'int' where its use says 'uint'", warnings[1].Message);
        Assert.DoesNotContain("'k'", warnings[1].Message);
        Assert.DoesNotContain("the result", warnings[1].Message);
        var methods = result.Model!.MacroMethods.ToDictionary(m => m.Name);
        Assert.Equal((TypeRef.CLong, TypeRef.CLong), (methods["CALL"].ReturnType, methods["CALL"].Parameters[0].Type));
        Assert.Equal((TypeRef.UInt, TypeRef.Int), (methods["SCALE"].ReturnType, methods["SCALE"].Parameters[0].Type));
        var text = BindingsEmitter.Emit(result.Model)[0].Text;
        Assert.Contains("public static global::System.Runtime.InteropServices.CLong CALL(global::System.Runtime.InteropServices.CLong a)", text);
    }

    [Fact]
    public void An_entry_with_another_parameter_count_is_not_used_and_inference_decides()
    {
        var result = Compile(Header, ["CALL(int, int) -> int", "UNUSED() -> int"]);

        var warnings = result.Diagnostics.Where(d => d.Id == DiagnosticKind.MacroSignatureMismatch.Id).OrderBy(d => d.Location.Line).ToList();
        Assert.Equal([5, 8], warnings.Select(w => w.Location.Line));
        Assert.Contains("gives 0 parameter(s), but 'UNUSED' takes 1; the entry is not used", warnings[0].Message);
        Assert.Equal(TypeRef.Int, Assert.Single(result.Model!.MacroMethods, m => m.Name == "CALL").Parameters[0].Type);
        Assert.Contains(result.Diagnostics, d => d.Id == DiagnosticKind.MacroNotBound.Id && d.Message.Contains("'UNUSED'"));
    }

    [Theory]
    [InlineData("UNUSED(int)", "is malformed; expected MACRO(TYPE, ...) -> TYPE")]
    [InlineData("UNUSED int -> int", "is malformed")]
    [InlineData("UNUSED(foo_t) -> int", "'foo_t' is not a C type the header declares")]
    [InlineData("UNUSED(int) -> struct_t", "'struct_t' is not a C type the header declares")]
    public void A_malformed_entry_or_an_unknown_type_is_INTEROP1050_naming_the_option_and_the_entry(string entry, string says)
    {
        var error = Assert.Single(Compile(Header, [entry]).Diagnostics, d => d.Severity == DiagnosticSeverity.Error);

        Assert.Equal(DiagnosticKind.InvalidOption.Id, error.Id);
        Assert.Contains($"MacroSignatures (--macro-signature) entry '{entry}'", error.Message);
        Assert.Contains(says, error.Message);
    }

    [Fact]
    public void An_entry_naming_no_macro_is_a_warning_not_silence()
    {
        var warning = Assert.Single(Compile(Header, ["takes_int(int) -> int"]).Diagnostics, d => d.Id == DiagnosticKind.MacroSignatureMismatch.Id);

        Assert.Contains("'takes_int(int) -> int' names no function-like macro", warning.Message);
    }

    [Fact]
    public void A_refused_macros_entry_says_the_signature_cannot_help_a_method()
    {
        var info = Assert.Single(Compile("#define PASTE(n) n##_suffix\n", ["PASTE(int) -> int"]).Diagnostics, d => d.Id == DiagnosticKind.MacroNotBound.Id);

        Assert.Contains("pastes tokens", info.Message);
        Assert.Contains("the Shim option can wrap it with the stated types", info.Message);
    }

    [Fact]
    public void A_macro_the_shim_wraps_gets_the_stated_C_types_in_its_wrapper()
    {
        const string looping = "#define LOOPING(n) ({ int i = 0; while (i < (n)) i++; i; })\n";
        var result = Compile(Header + "\n" + looping, ["SCALE(unsigned long, unsigned long) -> unsigned long", "UNUSED(const char *) -> int", "LOOPING(long) -> long"], shim: ["SCALE", "UNUSED"]);

        Assert.DoesNotContain(result.Diagnostics, d => (d.Id is "INTEROP1400" or "INTEROP1200" && (d.Message.Contains("'SCALE'") || d.Message.Contains("'UNUSED'") || d.Message.Contains("'LOOPING'"))) || d.Severity == DiagnosticSeverity.Error);
        var c = ShimSource.Write(result.Model!.Shim!);
        Assert.Contains("INTEROP_SHIM_EXPORT unsigned long SCALE__interop_shim(unsigned long interop_arg_0, unsigned long interop_arg_1)", c);
        // Without the entry the shim cannot wrap UNUSED (x has no type); stated, its const char* is a string overload too.
        Assert.Contains("int UNUSED__interop_shim(", c);
        // A statement expression with a loop is not inferred; stated, the shim (on) wraps it with the stated types.
        Assert.Contains("INTEROP_SHIM_EXPORT long LOOPING__interop_shim(long interop_arg_0)", c);
        var unused = Assert.Single(result.Model.Functions, f => f.Name == "UNUSED");
        Assert.Equal(ValueShape.Utf8String, unused.Parameters[0].Shape);
    }

    [Fact]
    public void Stringizing_through_another_macro_is_refused_not_bound_to_the_placeholders_text()
    {
        const string header = "#define STR_(a) #a\n#define STR(a) STR_(a)\n";

        var info = Assert.Single(Compile(header, ["STR(int) -> const char *"]).Diagnostics, d => d.Message.Contains("'STR'"));

        Assert.Contains("stringizes a parameter (#) through another macro", info.Message);
    }
}
