using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

/// <summary>
/// A macro parameter passed to a function's <c>const char*</c> parameter gets the string overload functions get: the
/// same marshalling stub, calling the raw method, and a <c>string?</c> facade member.
/// </summary>
public sealed class MacroStringOverloadTests
{
    private const string Header = """
        #include <stddef.h>
        size_t measure(const char *text, int flags);
        int fill(char *buffer, const char *text);
        #define MEASURE(s) measure((s), 0)
        #define MEASURE_PLUS(s, n) (measure((s), 1) + (n))
        #define FILL_SELF(s) fill((s), (s))
        """;

    [Fact]
    public void A_parameter_passed_as_a_string_is_offered_as_a_string()
    {
        var methods = TestHeaders.Compile(Header).Model!.MacroMethods.ToDictionary(m => m.Name);

        Assert.Equal(ValueShape.Utf8String, methods["MEASURE"].Parameters[0].Shape);
        Assert.Equal([ValueShape.Utf8String, ValueShape.Raw], methods["MEASURE_PLUS"].Parameters.Select(p => p.Shape));
    }

    [Fact]
    public void The_string_overload_marshals_like_a_functions_and_calls_the_raw_method()
    {
        var files = BindingsEmitter.Emit(TestHeaders.Compile(Header).Model!);
        var text = files[0].Text;

        Assert.Contains("public static nuint MEASURE(sbyte* s) => unchecked(TestLib.measure(s, 0));", text);
        Assert.Contains("public static nuint MEASURE(string? s)", text);
        Assert.Contains("__s_native__marshaller.FromManaged(s, stackalloc byte[global::System.Runtime.InteropServices.Marshalling.Utf8StringMarshaller.ManagedToUnmanagedIn.BufferSize]);", text);
        Assert.Contains("__retVal = MEASURE((sbyte*)__s_native);", text);
        Assert.Contains("public static ulong MEASURE_PLUS(string? s, int n)", text);
        var facade = files.Single(f => f.HintName.EndsWith(".Facade.g.cs", StringComparison.Ordinal)).Text;
        Assert.Contains("nuint MEASURE(string? s);", facade);
        Assert.Contains("public nuint MEASURE(string? s) => TestLib.MEASURE(s);", facade);
    }

    [Fact]
    public void A_parameter_also_passed_where_C_may_write_stays_raw()
    {
        var method = Assert.Single(TestHeaders.Compile(Header).Model!.MacroMethods, m => m.Name == "FILL_SELF");

        Assert.Equal(ValueShape.Raw, method.Parameters[0].Shape);
    }
}
