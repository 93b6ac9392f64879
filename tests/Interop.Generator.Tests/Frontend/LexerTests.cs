using Interop.Generator.Diagnostics;
using Interop.Generator.Frontend;

namespace Interop.Generator.Tests.Frontend;

public class LexerTests
{
    private static List<Token> Lex(string text, out DiagnosticBag diagnostics)
    {
        diagnostics = new DiagnosticBag();
        return Lexer.Tokenize(text, "/src/lex.h", diagnostics);
    }

    private static List<Token> Lex(string text)
    {
        var tokens = Lex(text, out var diagnostics);
        Assert.Empty(diagnostics.Items);
        return tokens;
    }

    private static string[] Texts(string text) =>
        Lex(text).Where(t => t.Kind != TokenKind.EndOfFile).Select(t => t.Text).ToArray();

    [Fact]
    public void Lexer_ReadsIdentifiersWithUnderscoresAndDigits()
    {
        var tokens = Lex("_abc x9 __y_2");
        Assert.Equal(new[] { "_abc", "x9", "__y_2" }, tokens.Take(3).Select(t => t.Text));
        Assert.All(tokens.Take(3), t => Assert.Equal(TokenKind.Identifier, t.Kind));
    }

    [Fact]
    public void Lexer_EndsWithEndOfFileToken()
    {
        var tokens = Lex("a");
        Assert.Equal(2, tokens.Count);
        Assert.Equal(TokenKind.EndOfFile, tokens[1].Kind);
    }

    [Theory]
    [InlineData("1.5e+3")]
    [InlineData("0x1fULL")]
    [InlineData("0x1p-3")]
    [InlineData(".5f")]
    [InlineData("1..2")]
    [InlineData("0xe+1")] // C11 6.4.8: one pp-number, not 0xe + 1
    public void Lexer_ReadsPpNumberAsOneToken(string text)
    {
        var tokens = Lex(text);
        Assert.Equal(2, tokens.Count);
        Assert.Equal(TokenKind.Number, tokens[0].Kind);
        Assert.Equal(text, tokens[0].Text);
    }

    [Fact]
    public void Lexer_SplitsPlusAfterNonExponentDigit()
    {
        Assert.Equal(new[] { "1", "+", "2" }, Texts("1+2"));
    }

    [Theory]
    [InlineData("'a'", true)]
    [InlineData("L'x'", true)]
    [InlineData("u'c'", true)]
    [InlineData("U'c'", true)]
    [InlineData("\"plain\"", false)]
    [InlineData("L\"wide\"", false)]
    [InlineData("u8\"utf8\"", false)]
    [InlineData("U\"utf32\"", false)]
    [InlineData("\"a\\\"b\"", false)]
    [InlineData("'\\''", true)]
    public void Lexer_ReadsPrefixedLiteralsAsOneToken(string text, bool isChar)
    {
        var kind = isChar ? TokenKind.CharLiteral : TokenKind.StringLiteral;
        var tokens = Lex(text);
        Assert.Equal(2, tokens.Count);
        Assert.Equal(kind, tokens[0].Kind);
        Assert.Equal(text, tokens[0].Text);
        Assert.Null(tokens[0].LexError);
    }

    [Fact]
    public void Lexer_PrefixLettersWithoutQuoteStayIdentifiers()
    {
        var tokens = Lex("L u8x u8 U");
        Assert.Equal(new[] { "L", "u8x", "u8", "U" }, tokens.Take(4).Select(t => t.Text));
        Assert.All(tokens.Take(4), t => Assert.Equal(TokenKind.Identifier, t.Kind));
    }

    [Fact]
    public void Lexer_AppliesMaximalMunchToPunctuators()
    {
        Assert.Equal(new[] { "a", ">>=", "b", "...", "->", "c", "<<", "=", "d" }, Texts("a>>=b...->c<< =d"));
    }

    [Fact]
    public void Lexer_SplitsPlusSequenceGreedily()
    {
        // C11 6.4 EXAMPLE 2: x+++++y is x ++ ++ + y.
        Assert.Equal(new[] { "x", "++", "++", "+", "y" }, Texts("x+++++y"));
    }

    [Fact]
    public void Lexer_TwoDotsAreTwoPunctuators()
    {
        Assert.Equal(new[] { "a", ".", ".", "b" }, Texts("a..b"));
    }

    [Fact]
    public void Lexer_JoinsLineSpliceInsideIdentifier()
    {
        var tokens = Lex("fo\\\no bar");
        Assert.Equal("foo", tokens[0].Text);
        Assert.Equal(new SourceLocation("/src/lex.h", 1, 1), tokens[0].Location);
        Assert.Equal("bar", tokens[1].Text);
        Assert.Equal(2, tokens[1].Location.Line);
        Assert.Equal(3, tokens[1].Location.Column);
    }

    [Fact]
    public void Lexer_JoinsCrLfLineSplice()
    {
        Assert.Equal(new[] { "abcd" }, Texts("ab\\\r\ncd"));
    }

    [Fact]
    public void Lexer_SpliceDoesNotStartNewLine()
    {
        var tokens = Lex("a \\\n b");
        Assert.False(tokens[1].AtLineStart);
        Assert.True(tokens[1].HasLeadingSpace);
    }

    [Fact]
    public void Lexer_ReportsOneBasedLineAndColumn()
    {
        var tokens = Lex("int x;\n\n  \tfoo(bar);");
        Assert.Equal(new SourceLocation("/src/lex.h", 1, 1), tokens[0].Location);
        Assert.Equal(new SourceLocation("/src/lex.h", 1, 5), tokens[1].Location);
        Assert.Equal(new SourceLocation("/src/lex.h", 1, 6), tokens[2].Location);
        Assert.Equal(new SourceLocation("/src/lex.h", 3, 4), tokens[3].Location);
        Assert.Equal(new SourceLocation("/src/lex.h", 3, 7), tokens[4].Location);
    }

    [Fact]
    public void Lexer_MarksFirstTokenOfEachLine()
    {
        var tokens = Lex("a b\n  c");
        Assert.True(tokens[0].AtLineStart);
        Assert.False(tokens[1].AtLineStart);
        Assert.True(tokens[2].AtLineStart);
        Assert.False(tokens[0].HasLeadingSpace);
        Assert.True(tokens[1].HasLeadingSpace);
    }

    [Fact]
    public void Lexer_AttachesBlockDocCommentToNextToken()
    {
        var tokens = Lex("/** Adds two numbers. */\nint add;");
        Assert.Equal("int", tokens[0].Text);
        Assert.Equal("Adds two numbers.", tokens[0].DocComment);
        Assert.Null(tokens[1].DocComment);
    }

    [Fact]
    public void Lexer_StripsLeadingAsterisksOfMultiLineDocComment()
    {
        var tokens = Lex("/**\n * First line.\n * Second line.\n */\nvoid f;");
        Assert.Equal("First line.\nSecond line.", tokens[0].DocComment);
    }

    [Fact]
    public void Lexer_JoinsConsecutiveTripleSlashDocLines()
    {
        var tokens = Lex("/// one\n/// two\nint x;");
        Assert.Equal("one\ntwo", tokens[0].DocComment);
    }

    [Fact]
    public void Lexer_AttachesBangDocComments()
    {
        Assert.Equal("qt style", Lex("//! qt style\nint x;")[0].DocComment);
        Assert.Equal("also doc", Lex("/*! also doc */ int x;")[0].DocComment);
    }

    [Theory]
    [InlineData("/* plain */ int x;", "plain")]
    [InlineData("// plain\nint x;", "plain")]
    [InlineData("/**/ int x;", "")]
    public void Lexer_KeepsOrdinaryCommentsForTheDeclarationToTake(string text, string words)
    {
        // Since issue 12 plain comments count too (zlib and sqlite3 document with them); CommentAttachment decides.
        var tokens = Lex(text);
        Assert.Equal("int", tokens[0].Text);
        Assert.Equal(words, tokens[0].DocComment);
        Assert.True(tokens[0].HasLeadingSpace || tokens[0].AtLineStart);
    }

    [Fact]
    public void Lexer_RecordsTrailingAndFollowingCommentsOnTheTokenBefore()
    {
        var tokens = Lex("int x; /* count */\nint y;\n/* below y */\n\nint z;");
        var semicolons = tokens.Where(t => t.Text == ";").ToList();
        Assert.Equal("count", semicolons[0].Following!.Text);
        Assert.True(semicolons[0].Following!.IsTrailing);
        Assert.Null(tokens[3].Leading); // the trailing comment is x's, never the next line's
        Assert.Equal("below y", semicolons[1].Following!.Text);
        Assert.False(semicolons[1].Following!.IsTrailing);
        Assert.Null(tokens.Last(t => t.Text == "int").Leading); // a blank line separates it from z
    }

    [Fact]
    public void Lexer_CommentCountsAsWhitespace()
    {
        var tokens = Lex("a/**/b");
        Assert.Equal(new[] { "a", "b" }, tokens.Take(2).Select(t => t.Text));
        Assert.True(tokens[1].HasLeadingSpace);
    }

    [Fact]
    public void Lexer_UnterminatedStringGivesTokenWithLexErrorButNoDiagnostic()
    {
        var tokens = Lex("\"abc\nint", out var diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(TokenKind.StringLiteral, tokens[0].Kind);
        Assert.Equal("\"abc", tokens[0].Text);
        Assert.NotNull(tokens[0].LexError);
        Assert.Contains("missing terminating", tokens[0].LexError);
        Assert.Equal("int", tokens[1].Text);
        Assert.Equal(2, tokens[1].Location.Line);
        Assert.Null(tokens[1].LexError);
    }

    [Fact]
    public void Lexer_UnterminatedCharGivesTokenWithLexError()
    {
        var tokens = Lex("it's", out var diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Equal("it", tokens[0].Text);
        Assert.Equal(TokenKind.CharLiteral, tokens[1].Kind);
        Assert.NotNull(tokens[1].LexError);
    }

    [Fact]
    public void Lexer_UnterminatedBlockCommentReportsInterop1001AtCommentStart()
    {
        Lex("int x;\n  /* never closed\nint y;", out var diagnostics);
        var diagnostic = Assert.Single(diagnostics.Items);
        Assert.Equal("INTEROP1001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(new SourceLocation("/src/lex.h", 2, 3), diagnostic.Location);
    }

    [Fact]
    public void Lexer_StrayCharacterIsOtherTokenWithLexError()
    {
        var tokens = Lex("a @ b", out var diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(TokenKind.Other, tokens[1].Kind);
        Assert.Equal("@", tokens[1].Text);
        Assert.Contains("U+0040", tokens[1].LexError);
    }

    [Fact]
    public void Lexer_LineCommentContinuesAcrossSplice()
    {
        Assert.Equal(new[] { "b" }, Texts("// comment \\\na\nb"));
    }
}
