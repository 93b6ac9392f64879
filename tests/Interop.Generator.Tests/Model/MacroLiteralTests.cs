using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

/// <summary>String and floating <c>#define</c>s become typed C# constants; what C# cannot hold exactly is left out.</summary>
public sealed class MacroLiteralTests
{
    [Theory]
    [InlineData("#define V \"1.2.3\"", "string", "\"1.2.3\"")]
    [InlineData("#define V \"lib\" \"curl\" \"/8\"", "string", "\"libcurl/8\"")]
    [InlineData("#define V (\"tab\\there\")", "string", "\"tab\\there\"")]
    [InlineData("#define V \"\\x41\\102\\\"q\\\\\"", "string", "\"AB\\\"q\\\\\"")]
    [InlineData("#define V \"caf\\xc3\\xa9\"", "string", "\"café\"")]
    [InlineData("#define V \"café\"", "string", "\"café\"")]
    [InlineData("#define V 3.25", "double", "3.25D")]
    [InlineData("#define V -1e-3", "double", "-0.001D")]
    [InlineData("#define V (0.5f)", "float", "0.5F")]
    public void Define_BecomesTypedConstant(string define, string type, string literal)
    {
        var constant = Assert.Single(TestHeaders.Compile(define + "\n").Model!.Constants, c => c.Name == "V");

        Assert.Equal((type, literal), (TypeText.Of(constant.Type), constant.Value));
    }

    [Theory]
    [InlineData("#define V 1.0L")]
    [InlineData("#define V \"\\xff\\xfe\"")]
    [InlineData("#define V L\"wide\"")]
    [InlineData("#define V \"a\" 1")]
    [InlineData("#define V 1.0 + 2.0")]
    public void Define_ThatCSharpCannotHoldExactly_IsLeftOut(string define)
    {
        Assert.DoesNotContain(TestHeaders.Compile(define + "\n").Model!.Constants, c => c.Name == "V");
    }

    [Fact]
    public void StringConstant_CompilesAndKeepsItsValue()
    {
        var model = TestHeaders.Compile("#define GREETING \"hi\\n\\\"there\\\"\"\n").Model!;
        var file = Interop.Generator.Emit.BindingsEmitter.Emit(model)[0].Text;

        Assert.Contains("public const string GREETING = \"hi\\n\\\"there\\\"\";", file);
    }
}
