using Interop.Generator.Diagnostics;

namespace Interop.Generator.Tests.Frontend;

/// <summary>
/// Hostile nesting must end in a diagnostic, never a StackOverflowException (which would take the
/// compiler down). Each case runs on a thread with a deliberately small stack to prove the bounds hold.
/// </summary>
public class NestingLimitTests
{
    private const int SmallStack = 256 * 1024;
    private const int Depth = 10_000;

    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            SmallStack);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "timed out");
        Assert.Null(failure);
        return result;
    }

    private static IReadOnlyList<DiagnosticInfo> Parse(string text) => OnSmallStack(() => TestHeaders.Parse(text).Diagnostics);

    private static IReadOnlyList<DiagnosticInfo> Compile(string text) => OnSmallStack(() => (IReadOnlyList<DiagnosticInfo>)TestHeaders.Compile(text).Diagnostics.ToList());

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    [Fact]
    public void Parser_DeeplyParenthesizedDeclaratorReportsInterop1040()
    {
        var diagnostics = Parse("int " + Repeat("(", Depth) + "x" + Repeat(")", Depth) + ";\nint after(void);");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1040", diagnostic.Id);
        Assert.Equal(1, diagnostic.Location.Line);
    }

    [Fact]
    public void Parser_ModeratelyParenthesizedDeclaratorIsFine()
    {
        var (unit, _, diagnostics) = TestHeaders.Parse("int " + Repeat("(", 50) + "x" + Repeat(")", 50) + "(void);");
        Assert.Empty(diagnostics);
        Assert.Single(unit.Declarations);
    }

    [Fact]
    public void Parser_DeeplyNestedStructDefinitionsReportInterop1040()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < Depth; i++)
        {
            text.Append("struct s").Append(i).Append(" { ");
        }

        text.Append("int x; ");
        for (var i = 0; i < Depth; i++)
        {
            text.Append("} f").Append(i).Append("; ");
        }

        var diagnostics = Parse(text.ToString());
        Assert.Contains(diagnostics, d => d.Id == "INTEROP1040");
    }

    [Fact]
    public void Parser_LongArraySuffixChainReportsInterop1040()
    {
        var diagnostics = Parse("typedef int t" + Repeat("[1]", Depth) + ";");
        Assert.Equal("INTEROP1040", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Parser_DeeplyNestedFunctionPointerParametersReportInterop1040()
    {
        var diagnostics = Parse("void f(" + Repeat("void (*)(", Depth) + "void" + Repeat(")", Depth) + ");");
        Assert.Contains(diagnostics, d => d.Id == "INTEROP1040");
    }

    [Fact]
    public void Parser_DeeplyParenthesizedEnumValueReportsDiagnostic()
    {
        var diagnostics = Parse("enum e { A = " + Repeat("(", Depth) + "1" + Repeat(")", Depth) + " };");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1010", diagnostic.Id);
        Assert.Contains("nested too deeply", diagnostic.Message);
    }

    [Fact]
    public void Preprocessor_DeeplyParenthesizedIfExpressionReportsDiagnostic()
    {
        var diagnostics = Parse("#if " + Repeat("(", Depth) + "1" + Repeat(")", Depth) + "\nint x;\n#endif\n");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1003", diagnostic.Id);
        Assert.Contains("nested too deeply", diagnostic.Message);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("!")]
    [InlineData("~")]
    public void Preprocessor_LongUnaryChainInIfReportsDiagnostic(string op)
    {
        var diagnostics = Parse("#if " + Repeat(op + " ", Depth) + "1\n#endif\n");
        Assert.Contains("nested too deeply", Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void Preprocessor_LongTernaryChainInIfReportsDiagnostic()
    {
        var diagnostics = Parse("#if " + Repeat("1 ? ", Depth) + "1" + Repeat(" : 0", Depth) + "\n#endif\n");
        Assert.Contains("nested too deeply", Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void Preprocessor_LongFlatBinaryChainInIfIsFine()
    {
        var diagnostics = Parse("#if " + Repeat("1 + ", Depth) + "1 == " + (Depth + 1) + "\nint x;\n#else\n#error wrong\n#endif\n");
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Preprocessor_DeeplyNestedMacroCallsDoNotOverflowTheStack()
    {
        var diagnostics = Parse("#define F(x) x\nint v = " + Repeat("F(", Depth) + "1" + Repeat(")", Depth) + ";\n");
        Assert.Contains(diagnostics, d => d.Id == "INTEROP1040");
    }

    [Fact]
    public void Preprocessor_RecursiveIncludeStopsWithInterop1040()
    {
        var diagnostics = OnSmallStack(() => TestHeaders.Preprocess("#include \"test.h\"\n").Diagnostics);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1040", diagnostic.Id);
        Assert.Contains("nested deeper than 200", diagnostic.Message);
    }

    [Fact]
    public void Preprocessor_DeeplyNestedConditionalsAreFine()
    {
        var diagnostics = Parse(Repeat("#if 1\n", Depth) + "int x;\n" + Repeat("#endif\n", Depth));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void HeaderCompiler_DeepDeclaratorInWholePipelineReportsInterop1040()
    {
        var diagnostics = Compile("int " + Repeat("(", Depth) + "f" + Repeat(")", Depth) + "(void);\nint ok(void);\n");
        Assert.Contains(diagnostics, d => d.Id == "INTEROP1040");
        Assert.DoesNotContain(diagnostics, d => d.Id == "INTEROP1099");
    }
}
