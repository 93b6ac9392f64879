using Interop.Generator.Diagnostics;
using Interop.Generator.Frontend;

namespace Interop.Generator.Tests.Frontend;

public class PreprocessorMacroTests
{
    /// <summary>Preprocesses and asserts there are no diagnostics.</summary>
    internal static string Expand(string text, params (string Path, string Text)[] extraFiles)
    {
        var (output, diagnostics) = TestHeaders.Preprocess(text, extraFiles);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        return output;
    }

    /// <summary>Normalizes C source (for instance what clang -E -P printed) to our space-joined token spelling.</summary>
    internal static string Normalize(string c) =>
        string.Join(" ", Lexer.Tokenize(c, "/expected.h", new DiagnosticBag()).Where(t => t.Kind != TokenKind.EndOfFile).Select(t => t.Text));

    [Fact]
    public void Preprocessor_ExpandsObjectLikeMacro()
    {
        Assert.Equal("int x = 42 ;", Expand("#define ANSWER 42\nint x = ANSWER;"));
    }

    [Fact]
    public void Preprocessor_ExpandsFunctionLikeMacroWithArguments()
    {
        Assert.Equal("( ( 1 + 2 ) * ( 3 ) )", Expand("#define MUL(a, b) ((a) * (b))\nMUL(1 + 2, 3)"));
    }

    [Fact]
    public void Preprocessor_DoesNotExpandFunctionLikeMacroWithoutParenthesis()
    {
        Assert.Equal("fl + 1 2", Expand("#define fl(x) x\nfl + 1 fl\n(2)"));
    }

    [Fact]
    public void Preprocessor_ExpandsNestedMacrosToTheEnd()
    {
        Assert.Equal("42", Expand("#define A B\n#define B C\n#define C 42\nA"));
    }

    [Fact]
    public void Preprocessor_DoesNotExpandSelfReferentialMacroForever()
    {
        Assert.Equal("foo ;", Expand("#define foo foo\nfoo;"));
    }

    [Fact]
    public void Preprocessor_StopsMutualRecursion()
    {
        // a -> b -> a (hidden), b -> a -> b (hidden): clang prints "a b".
        Assert.Equal("a b", Expand("#define a b\n#define b a\na b"));
    }

    [Fact]
    public void Preprocessor_SelfReferenceInsideLargerBody()
    {
        Assert.Equal("( 4 + foo )", Expand("#define foo (4 + foo)\nfoo"));
    }

    [Fact]
    public void Preprocessor_StringizesArgumentCollapsingWhitespace()
    {
        Assert.Equal("\"a + b\"", Expand("#define S(x) #x\nS(  a   +  b )"));
    }

    [Fact]
    public void Preprocessor_StringizingEscapesQuotesAndBackslashes()
    {
        Assert.Equal("\"\\\"x\\\\n\\\" '\\\\0'\"", Expand("#define S(x) #x\nS(\"x\\n\" '\\0')"));
    }

    [Fact]
    public void Preprocessor_StringizesEmptyArgumentAsEmptyString()
    {
        Assert.Equal("\"\"", Expand("#define S(x) #x\nS()"));
    }

    [Fact]
    public void Preprocessor_StringizesUnexpandedArgumentButXstrExpandsIt()
    {
        Assert.Equal("\"7\" \"V\"", Expand("#define STR(x) #x\n#define XSTR(x) STR(x)\n#define V 7\nXSTR(V) STR(V)"));
    }

    [Fact]
    public void Preprocessor_PastesTokens()
    {
        Assert.Equal("foobar 12 += x x", Expand("#define CAT(a,b) a##b\nCAT(foo,bar) CAT(1,2) CAT(+,=) CAT(,x) CAT(x,)"));
    }

    [Fact]
    public void Preprocessor_PastedTokenHasOneKind()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#define CAT(a,b) a##b\nCAT(0x,1f)");
        Assert.Empty(diagnostics);
        Assert.Equal("0x1f", Expand("#define CAT(a,b) a##b\nCAT(0x,1f)"));
    }

    [Fact]
    public void Preprocessor_PastingInObjectLikeMacro()
    {
        Assert.Equal("int abc ;", Expand("#define NAME ab ## c\nint NAME;"));
    }

    [Fact]
    public void Preprocessor_PastedIdentifierIsExpandedAgain()
    {
        Assert.Equal("99", Expand("#define CAT(a,b) a##b\n#define foobar 99\nCAT(foo,bar)"));
    }

    [Fact]
    public void Preprocessor_InvalidPasteReportsInterop1006()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#define CAT(a,b) a##b\nCAT(+,-)");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1006", diagnostic.Id);
        Assert.Contains("\"+\" and \"-\"", diagnostic.Message);
    }

    [Fact]
    public void Preprocessor_SubstitutesVaArgs()
    {
        Assert.Equal("f ( \"x\" , 1 , 2 )", Expand("#define F(fmt, ...) f(fmt, __VA_ARGS__)\nF(\"x\", 1, 2)"));
    }

    [Fact]
    public void Preprocessor_VariadicPartMayBeOmitted()
    {
        Assert.Equal("f ( \"x\" , )", Expand("#define F(fmt, ...) f(fmt, __VA_ARGS__)\nF(\"x\")"));
    }

    [Fact]
    public void Preprocessor_GnuCommaPasteDropsCommaForEmptyVaArgs()
    {
        Assert.Equal("g ( \"x\" ) g ( \"x\" , 1 , 2 )", Expand("#define G(fmt, ...) g(fmt, ## __VA_ARGS__)\nG(\"x\") G(\"x\", 1, 2)"));
    }

    [Fact]
    public void Preprocessor_GnuNamedVariadicParameter()
    {
        Assert.Equal("h ( 1 , 2 )", Expand("#define N(args...) h(args)\nN(1, 2)"));
    }

    [Fact]
    public void Preprocessor_ParenthesizedCommaStaysInOneArgument()
    {
        Assert.Equal("[ ( p , q ) ]", Expand("#define ONE(x) [x]\nONE((p, q))"));
    }

    [Fact]
    public void Preprocessor_ArgumentsMaySpanLines()
    {
        Assert.Equal("1 + 2", Expand("#define ADD(a, b) a + b\nADD(1,\n    2)"));
    }

    [Fact]
    public void Preprocessor_LineSpliceInsideDefine()
    {
        Assert.Equal("( 1 + 2 )", Expand("#define OBJ (1 + \\\n  2)\nOBJ"));
    }

    [Fact]
    public void Preprocessor_EmptyMacroExpandsToNothing()
    {
        Assert.Equal("[ ]", Expand("#define EMPTY\n[EMPTY]"));
    }

    [Fact]
    public void Preprocessor_MacroProducingParenDoesNotInvokeFunctionLikeMacro()
    {
        // As clang: the '(' comes from a macro whose expansion starts after 'call' was already passed.
        Assert.Equal("call ( 1 )", Expand("#define LP (\n#define call(x) [x]\ncall LP 1 )"));
    }

    [Fact]
    public void Preprocessor_UndefRemovesMacro()
    {
        Assert.Equal("1 X", Expand("#define X 1\nX\n#undef X\nX"));
    }

    [Fact]
    public void Preprocessor_RedefinitionTakesEffect()
    {
        Assert.Equal("1 2", Expand("#define X 1\nX\n#undef X\n#define X 2\nX"));
    }

    [Fact]
    public void Preprocessor_WrongArgumentCountReportsInterop1006()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#define TWO(a, b) a b\nTWO(1)");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1006", diagnostic.Id);
        Assert.Contains("takes 2 argument(s) but 1 were given", diagnostic.Message);
        Assert.Equal(2, diagnostic.Location.Line);
    }

    [Fact]
    public void Preprocessor_UnterminatedArgumentListReportsInterop1006()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#define F(x) x\nF(1, \n");
        Assert.Contains(diagnostics, d => d.Id == "INTEROP1006" && d.Message.Contains("unterminated argument list"));
    }

    [Fact]
    public void Preprocessor_HashNotFollowedByParameterIsDirectiveError()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#define BAD(x) #y\n");
        Assert.Equal("INTEROP1003", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Preprocessor_PasteAtEdgeOfBodyIsDirectiveError()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#define BAD ## x\n");
        Assert.Equal("INTEROP1003", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Preprocessor_LineMacroGivesCurrentLine()
    {
        Assert.Equal("int a = 1 ; int b = 3 ;", Expand("int a = __LINE__;\n\nint b = __LINE__;"));
    }

    [Fact]
    public void Preprocessor_LineMacroInsideMacroGivesUseLine()
    {
        Assert.Equal("4", Expand("#define HERE __LINE__\n\n\nHERE"));
    }

    [Fact]
    public void Preprocessor_FileMacroGivesQuotedPath()
    {
        Assert.Equal("\"/src/test.h\"", Expand("__FILE__"));
    }

    [Fact]
    public void Preprocessor_PredefinesTargetMacros()
    {
        Assert.Equal("1 8 1", Expand("__x86_64__ __SIZEOF_LONG__ __STDC__"));
    }

    [Fact]
    public void Preprocessor_KeepsDocCommentOfDefine()
    {
        var diagnostics = new DiagnosticBag();
        var resolver = new IncludeResolver(_ => null, Array.Empty<string>());
        var unit = Preprocessor.Run(new SourceFile("/src/d.h", "/** The answer. */\n#define ANSWER 42\n"), resolver, Array.Empty<KeyValuePair<string, string>>(), diagnostics);
        var macro = Assert.Single(unit.Macros);
        Assert.Equal("ANSWER", macro.Name);
        Assert.Equal("The answer.", macro.Doc);
        Assert.Equal(new SourceLocation("/src/d.h", 2, 9), macro.Location);
    }

    [Fact]
    public void Preprocessor_DocCommentBeforeMacroUseMovesToExpansion()
    {
        var diagnostics = new DiagnosticBag();
        var resolver = new IncludeResolver(_ => null, Array.Empty<string>());
        var unit = Preprocessor.Run(new SourceFile("/src/d.h", "#define API extern\n/** Does it. */\nAPI int f(void);"), resolver, Array.Empty<KeyValuePair<string, string>>(), diagnostics);
        Assert.Equal("extern", unit.Tokens[0].Text);
        Assert.Equal("Does it.", unit.Tokens[0].DocComment);
    }

    [Fact]
    public void Preprocessor_C11Example3MatchesClang()
    {
        const string source = """
            #define x 3
            #define f(a) f(x * (a))
            #undef x
            #define x 2
            #define g f
            #define z z[0]
            #define h g(~
            #define m(a) a(w)
            #define w 0,1
            #define t(a) a
            #define p() int
            #define q(x) x
            #define r(x,y) x ## y
            #define str(x) # x
            f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
            g(x+(3,4)-w) | h 5) & m
            (f)^m(m);
            p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
            char c[2][6] = { str(hello), str() };
            """;

        // clang-14 -E -P
        const string clang = """
            f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);
            f(2 * (2 +(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);
            int i[] = { 1, 23, 4, 5, };
            char c[2][6] = { "hello", "" };
            """;
        Assert.Equal(Normalize(clang), Expand(source));
    }

    [Fact]
    public void Preprocessor_C11Example4MatchesClang()
    {
        const string source = """
            #define str(s) # s
            #define xstr(s) str(s)
            #define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \
             x ## s, x ## t)
            #define INCFILE(n) vers ## n
            #define glue(a, b) a ## b
            #define xglue(a, b) glue(a, b)
            #define HIGHLOW "hello"
            #define LOW LOW ", world"
            debug(1, 2);
            fputs(str(strncmp("abc\0d", "abc", '\4') // this goes away
             == 0) str(: @\n), s);
            #include xstr(INCFILE(2).h)
            glue(HIGH, LOW);
            xglue(HIGH, LOW)
            """;

        // clang-14 -E -P, with vers2.h containing "int vers2;"
        const string clang = """
            printf("x" "1" "= %d, x" "2" "= %s", x1, x2);
            fputs("strncmp(\"abc\\0d\", \"abc\", '\\4') == 0" ": @\n", s);
            int vers2;
            "hello";
            "hello" ", world"
            """;
        Assert.Equal(Normalize(clang), Expand(source, ("/src/vers2.h", "int vers2;\n")));
    }
}
