using Interop.Generator.Diagnostics;

namespace Interop.Generator.Frontend;

/// <summary>An immutable preprocessing token with its source location and macro-expansion state.</summary>
internal sealed class Token
{
    public Token(TokenKind kind, string text, SourceLocation location, bool atLineStart = false, bool hasLeadingSpace = false)
    {
        Kind = kind;
        Text = text;
        Location = location;
        AtLineStart = atLineStart;
        HasLeadingSpace = hasLeadingSpace;
    }

    public TokenKind Kind { get; }
    public string Text { get; }
    public SourceLocation Location { get; }

    /// <summary>First token on its line: only such a <c>#</c> starts a directive.</summary>
    public bool AtLineStart { get; private set; }

    /// <summary>Whitespace precedes the token; needed to stringize macro arguments faithfully.</summary>
    public bool HasLeadingSpace { get; private set; }

    public HideSet HideSet { get; private set; } = HideSet.Empty;

    /// <summary>
    /// Why the lexer could not read this token properly (an unterminated literal, a stray character).
    /// Reported only if the token reaches live code: in a skipped <c>#if 0</c> block it is harmless.
    /// </summary>
    public string? LexError { get; private set; }

    public Token WithLexError(string error) => Copy(t => t.LexError = error);

    /// <summary>The comments that end on the line just above this token (or before it on its line), if any.</summary>
    public SourceComment? Leading { get; private set; }

    /// <summary>The first comment after this token, before the next one: trailing on its line, or below it.</summary>
    public SourceComment? Following { get; private set; }

    /// <summary><see cref="Leading"/> documents the line above this one, and this line only as the next of its run.</summary>
    public bool LeadingIsInherited { get; private set; }

    /// <summary>The text of <see cref="Leading"/>.</summary>
    public string? DocComment => Leading?.Text;

    public bool Is(string punctuatorOrKeyword) => Text == punctuatorOrKeyword && Kind is TokenKind.Punctuator or TokenKind.Identifier;

    public bool IsIdentifier => Kind == TokenKind.Identifier;

    public Token WithLeading(SourceComment? comment, bool inherited) => Copy(t => t.SetLeading(comment!, inherited));

    /// <summary>Set by the lexer on the token it has just made, before anyone else sees it.</summary>
    internal void SetLeading(SourceComment comment, bool inherited = false)
    {
        Leading = comment;
        LeadingIsInherited = inherited;
    }

    /// <inheritdoc cref="SetLeading"/>
    internal void SetFollowing(SourceComment comment) => Following = comment;

    public Token WithHideSet(HideSet hideSet) => Copy(t => t.HideSet = hideSet);

    /// <summary>A copy placed at a macro's use site: it no longer starts a line, so it can never look like a directive.</summary>
    public Token ForExpansion(SourceLocation useSite, HideSet hideSet, bool hasLeadingSpace) =>
        new(Kind, Text, useSite, atLineStart: false, hasLeadingSpace) { HideSet = hideSet, Leading = Leading, LeadingIsInherited = LeadingIsInherited, LexError = LexError };

    public Token WithLeadingSpace(bool value) => Copy(t => t.HasLeadingSpace = value);

    public override string ToString() => Text;

    private Token Copy(Action<Token> change)
    {
        var copy = new Token(Kind, Text, Location, AtLineStart, HasLeadingSpace) { HideSet = HideSet, Leading = Leading, LeadingIsInherited = LeadingIsInherited, Following = Following, LexError = LexError };
        change(copy);
        return copy;
    }
}
