namespace Interop.Generator.Tests.Frontend;

public class PreprocessorConditionalTests
{
    private static string Expand(string text) => PreprocessorMacroTests.Expand(text);

    [Theory]
    [InlineData("1 + 2 * 3 == 7", "yes")]
    [InlineData("(1 + 2) * 3 == 7", "no")]
    [InlineData("10 / 3 == 3 && 10 % 3 == 1", "yes")]
    [InlineData("1 << 4 == 16", "yes")]
    [InlineData("0", "no")]
    [InlineData("-1", "yes")]
    [InlineData("-1 > 0u", "yes")] // usual arithmetic conversions in uintmax_t
    [InlineData("-1 < 0", "yes")]
    [InlineData("0xFFFFFFFF + 1 == 0x100000000", "yes")] // #if arithmetic is 64-bit, no 32-bit wrap
    [InlineData("'A' == 65", "yes")]
    [InlineData("UNDEFINED_NAME == 0", "yes")] // identifiers left after expansion are 0
    [InlineData("1 ? 2 : 0", "yes")]
    [InlineData("0 ? 2 : 0", "no")]
    public void Preprocessor_IfEvaluatesArithmetic(string condition, string expected)
    {
        Assert.Equal(expected, Expand($"#if {condition}\nyes\n#else\nno\n#endif"));
    }

    [Fact]
    public void Preprocessor_ElifChainTakesFirstTrueBranch()
    {
        Assert.Equal("two", Expand("#define V 2\n#if V == 1\none\n#elif V == 2\ntwo\n#elif V >= 2\nbig\n#else\nother\n#endif"));
    }

    [Fact]
    public void Preprocessor_ElseTakenWhenNothingElseIs()
    {
        Assert.Equal("other", Expand("#if 0\none\n#elif 0\ntwo\n#else\nother\n#endif"));
    }

    [Fact]
    public void Preprocessor_DefinedWithAndWithoutParentheses()
    {
        Assert.Equal("a b c", Expand("#define X\n#if defined X\na\n#endif\n#if defined(X)\nb\n#endif\n#if !defined(Y) && !defined Y\nc\n#endif"));
    }

    [Fact]
    public void Preprocessor_IfdefAndIfndef()
    {
        Assert.Equal("has no", Expand("#define X 0\n#ifdef X\nhas\n#endif\n#ifndef X\nmissing\n#endif\n#ifndef Y\nno\n#endif"));
    }

    [Fact]
    public void Preprocessor_MacroExpandingToDefinedIsHonoured()
    {
        Assert.Equal("yes", Expand("#define X\n#define HAS_X defined(X)\n#if HAS_X\nyes\n#endif"));
    }

    [Fact]
    public void Preprocessor_ShortCircuitAndAvoidsDivisionByZeroError()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#if 0 && 1/0\nbad\n#else\ngood\n#endif");
        Assert.Empty(diagnostics);
        Assert.Equal("good", text);
    }

    [Fact]
    public void Preprocessor_ShortCircuitOrAndTernaryAvoidDivisionByZero()
    {
        Assert.Equal("a b", Expand("#if 1 || 1/0\na\n#endif\n#if 0 ? 1/0 : 1\nb\n#endif"));
    }

    [Fact]
    public void Preprocessor_DivisionByZeroInLiveOperandIsInterop1003()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#if 1/0\nbad\n#endif\nafter");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1003", diagnostic.Id);
        Assert.Contains("division by zero", diagnostic.Message);
        Assert.Equal("after", text);
    }

    [Fact]
    public void Preprocessor_NestedConditionalsInsideSkippedBlockAreSkipped()
    {
        Assert.Equal("end", Expand("#if 0\n#if 1\ninner\n#else\nelse\n#endif\n#elif 0\nno\n#endif\nend"));
    }

    [Fact]
    public void Preprocessor_NestedConditionalsInsideTakenBlock()
    {
        Assert.Equal("a2 b1", Expand("#if 1\n#if 0\na1\n#else\na2\n#endif\n#ifdef NOPE\n#else\nb1\n#endif\n#endif"));
    }

    [Fact]
    public void Preprocessor_SkippedBlockWithGarbageGivesNoDiagnostic()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#if 0\nit's not C: \"unterminated\n@ ` \\ $\n#bogus directive\n#error not reached\n#endif\nok");
        Assert.Empty(diagnostics);
        Assert.Equal("ok", text);
    }

    [Fact]
    public void Preprocessor_ErrorInSkippedElifIsNotEvaluatedAfterTakenBranch()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#if 1\na\n#elif 1/0\nb\n#endif");
        Assert.Empty(diagnostics);
        Assert.Equal("a", text);
    }

    [Fact]
    public void Preprocessor_UnterminatedIfIsInterop1003AtTheIf()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("int a;\n#if 1\nint x;\n");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1003", diagnostic.Id);
        Assert.Equal(new Diagnostics.SourceLocation(TestHeaders.MainPath, 2, 2), diagnostic.Location);
        Assert.Contains("unterminated", diagnostic.Message);
    }

    [Fact]
    public void Preprocessor_UnterminatedSkippedIfIsInterop1003()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#if 0\nint x;\n");
        Assert.Equal("INTEROP1003", Assert.Single(diagnostics).Id);
    }

    [Theory]
    [InlineData("#else\n", "#else without #if")]
    [InlineData("#elif 1\n", "#elif without #if")]
    [InlineData("#endif\n", "#endif without #if")]
    public void Preprocessor_StrayConditionalDirectiveIsInterop1003(string text, string message)
    {
        var (_, diagnostics) = TestHeaders.Preprocess("int a;\n" + text);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1003", diagnostic.Id);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(2, diagnostic.Location.Line);
    }

    [Fact]
    public void Preprocessor_ElseAfterElseIsInterop1003()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#if 0\n#else\n#else\n#endif\n");
        Assert.Contains(diagnostics, d => d.Id == "INTEROP1003" && d.Message.Contains("after #else"));
    }

    [Fact]
    public void Preprocessor_IfWithoutExpressionIsInterop1003()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#if\n#endif\n");
        Assert.Equal("INTEROP1003", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Preprocessor_ConditionalOpenedInIncludedFileMustCloseThere()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#include \"open.h\"\nafter\n", ("/src/open.h", "#if 1\ninside\n"));
        Assert.Equal("INTEROP1003", Assert.Single(diagnostics).Id);
        Assert.Equal("/src/open.h", diagnostics[0].Location.File);
        Assert.Equal("inside after", text);
    }

    [Fact]
    public void Preprocessor_HasIncludeFindsBuiltinAndMissingHeaders()
    {
        Assert.Equal("a c", Expand("#if __has_include(<stdint.h>)\na\n#endif\n#if __has_include(\"nope.h\")\nb\n#endif\n#if !__has_include(<nope.h>)\nc\n#endif"));
    }

    [Fact]
    public void Preprocessor_HasIncludeFindsSiblingFile()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#if __has_include(\"sib.h\")\nyes\n#endif", ("/src/sib.h", ""));
        Assert.Empty(diagnostics);
        Assert.Equal("yes", text);
    }

    [Fact]
    public void Preprocessor_UnknownHasFeatureIsFalse()
    {
        Assert.Equal("no", Expand("#if __has_attribute(whatever)\nyes\n#else\nno\n#endif"));
    }

    [Fact]
    public void Preprocessor_DefinedWithoutNameIsInterop1003()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#if defined\n#endif\n");
        Assert.Contains("'defined' needs a macro name", Assert.Single(diagnostics).Message);
    }
}
