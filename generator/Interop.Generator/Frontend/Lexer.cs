using System.Text;
using Interop.Generator.Diagnostics;

namespace Interop.Generator.Frontend;

/// <summary>
/// Turns C source text into preprocessing tokens (C11 6.4). Line splices are honoured without
/// copying the text, comments are recorded as spans on the tokens around them (see <see cref="SourceComment"/>), and malformed input
/// produces a diagnostic and a best-effort token rather than an exception.
/// </summary>
internal sealed class Lexer
{
    // Longest first, so that maximal munch is a linear scan.
    private static readonly string[] Punctuators =
    {
        "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=",
        "+=", "-=", "&=", "^=", "|=", "##",
        "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~", "!", "/", "%", "<", ">", "^", "|", "?", ":",
        ";", "=", ",", "#",
    };

    // The punctuators above grouped by their first character, keeping the longest-first order.
    private static readonly string[]?[] PunctuatorsByFirstChar = GroupPunctuators();

    // Stands in for a block comment's text: SourceComment reads it from the source when it is wanted.
    private const string PlainComment = "/* */";

    private readonly string _text;
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string text, string file, DiagnosticBag diagnostics)
    {
        _text = text;
        _file = file;
        _diagnostics = diagnostics;
    }

    public static List<Token> Tokenize(string text, string file, DiagnosticBag diagnostics) =>
        new Lexer(text, file, diagnostics).Run();

    private List<Token> Run()
    {
        var tokens = new List<Token>();
        var atLineStart = true;
        var hasSpace = false;
        Token? previous = null;
        var previousLine = 0;
        SourceComment? pending = null;
        SourceComment? group = null;
        var depth = 0;
        SkipSplices();

        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                Advance();
                atLineStart = true;
                hasSpace = false;
                continue;
            }

            if (c is ' ' or '\t' or '\r' or '\f' or '\v')
            {
                // A run of blanks at once; a splice after it is skipped as Advance would.
                do
                {
                    _pos++;
                }
                while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\r' or '\f' or '\v');

                SkipSplices();
                hasSpace = true;
                continue;
            }

            if (c == '/' && Peek(1) is '/' or '*')
            {
                var start = _pos;
                var firstLine = _line;
                var closed = Peek(1) == '/' ? ReadLineComment() is not null : ReadBlockComment() is not null;
                if (closed)
                {
                    pending = Remember(previous, previousLine, pending, start, firstLine);
                }

                hasSpace = true;
                continue;
            }

            var location = Location();
            var token = ReadToken(location, atLineStart, hasSpace);
            if (pending is not null)
            {
                pending.NextTokenLine = location.Line;
                pending.NextTokenEndsScope = token.Text is "}" or "#";
                var adjacent = pending.LastLine + 1 >= location.Line;
                if (adjacent)
                {
                    token.SetLeading(pending);
                }

                group = adjacent && atLineStart && depth == 0 ? pending : null;
                pending = null;
            }
            else if (atLineStart && group is not null)
            {
                // sqlite3's style: one comment documents the run of file-scope lines below it, up to a blank line.
                if (depth == 0 && location.Line == previousLine + 1)
                {
                    token.SetLeading(group, inherited: true);
                }
                else
                {
                    group = null;
                }
            }

            // Braces nest scopes, but not extern "C" { ... }: its declarations are still at file scope.
            if (token.Kind == TokenKind.Punctuator && token.Text.Length == 1 && previous?.Text is not ("\"C\"" or "\"C++\""))
            {
                depth += token.Text[0] == '{' ? 1 : token.Text[0] == '}' && depth > 0 ? -1 : 0;
            }

            tokens.Add(token);
            previous = token;
            previousLine = _line;
            atLineStart = false;
            hasSpace = false;
        }

        tokens.Add(new Token(TokenKind.EndOfFile, "", Location(), atLineStart: true));
        return tokens;
    }

    /// <summary>
    /// Records the comment just read (from <paramref name="start"/> to the current position): trailing on the previous
    /// token's line, or joined to the run before it when no blank line separates them. Returns the run the next token may take.
    /// </summary>
    private SourceComment? Remember(Token? previous, int previousLine, SourceComment? pending, int start, int firstLine)
    {
        var trailing = previous is not null && previousLine == firstLine;
        if (!trailing && pending is { IsTrailing: false } && pending.LastLine + 1 >= firstLine)
        {
            pending.Extend(_pos, _line);
            return pending;
        }

        var comment = new SourceComment(_text, start, _pos, firstLine, _line, trailing);
        if (previous is not null && previous.Following is null)
        {
            previous.SetFollowing(comment);
        }

        return trailing ? null : comment;
    }

    private Token ReadToken(SourceLocation location, bool atLineStart, bool hasSpace)
    {
        var c = _text[_pos];

        if (IsIdentifierStart(c))
        {
            // String and character prefixes: L"..", u8"..", u'..', U'..'.
            var prefixLength = StringPrefixLength();
            if (prefixLength > 0)
            {
                var quote = Peek(prefixLength);
                var prefix = ReadChars(prefixLength);
                return ReadQuoted(quote, prefix, location, atLineStart, hasSpace);
            }

            // Fast path: no line splice inside or right after the name, so it is a plain substring.
            var end = _pos + 1;
            while (end < _text.Length && IsIdentifierPart(_text[end]))
            {
                end++;
            }

            if (end >= _text.Length || _text[end] != '\\')
            {
                var name = _text.Substring(_pos, end - _pos);
                _pos = end;
                return new Token(TokenKind.Identifier, name, location, atLineStart, hasSpace);
            }

            var sb = new StringBuilder();
            while (_pos < _text.Length && IsIdentifierPart(_text[_pos]))
            {
                sb.Append(_text[_pos]);
                Advance();
            }

            return new Token(TokenKind.Identifier, sb.ToString(), location, atLineStart, hasSpace);
        }

        if (IsDigit(c) || (c == '.' && IsDigit(Peek(1))))
        {
            return new Token(TokenKind.Number, ReadPpNumber(), location, atLineStart, hasSpace);
        }

        if (c is '"' or '\'')
        {
            return ReadQuoted(c, "", location, atLineStart, hasSpace);
        }

        if (c < PunctuatorsByFirstChar.Length && PunctuatorsByFirstChar[c] is { } candidates)
        {
            foreach (var punctuator in candidates)
            {
                if (Matches(punctuator))
                {
                    if (punctuator.Length == 1)
                    {
                        Advance();
                    }
                    else
                    {
                        ReadChars(punctuator.Length);
                    }

                    return new Token(TokenKind.Punctuator, punctuator, location, atLineStart, hasSpace);
                }
            }
        }

        Advance();
        return new Token(TokenKind.Other, c.ToString(), location, atLineStart, hasSpace)
            .WithLexError($"unexpected character '{c}' (U+{(int)c:X4})");
    }

    private Token ReadQuoted(char quote, string prefix, SourceLocation location, bool atLineStart, bool hasSpace)
    {
        var sb = new StringBuilder(prefix);
        sb.Append(quote);
        Advance();
        string? error = null;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                error = quote == '"' ? "missing terminating '\"' character" : "missing terminating ' character";
                break;
            }

            var c = _text[_pos];
            sb.Append(c);
            Advance();
            if (c == '\\' && _pos < _text.Length && _text[_pos] != '\n')
            {
                sb.Append(_text[_pos]);
                Advance();
            }
            else if (c == quote)
            {
                break;
            }
        }

        var token = new Token(quote == '"' ? TokenKind.StringLiteral : TokenKind.CharLiteral, sb.ToString(), location, atLineStart, hasSpace);
        return error is null ? token : token.WithLexError(error);
    }

    private string ReadPpNumber()
    {
        var sb = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if ((c is 'e' or 'E' or 'p' or 'P') && Peek(1) is '+' or '-')
            {
                sb.Append(c).Append(Peek(1));
                ReadChars(2);
            }
            else if (IsIdentifierPart(c) || c == '.')
            {
                sb.Append(c);
                Advance();
            }
            else
            {
                break;
            }
        }

        return sb.ToString();
    }

    private string ReadLineComment()
    {
        // Fast path: no backslash before the end of the line, so no splice can continue the comment.
        var newline = _text.IndexOf('\n', _pos);
        var end = newline < 0 ? _text.Length : newline;
        if (_text.IndexOf('\\', _pos, end - _pos) < 0)
        {
            _pos = end;
            return PlainComment;
        }

        var sb = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != '\n')
        {
            sb.Append(_text[_pos]);
            Advance();
        }

        return sb.ToString();
    }

    private string? ReadBlockComment()
    {
        var start = Location();

        // Fast path: the comment is closed and holds no backslash (so no line splice): one substring,
        // and the line count advanced by the newlines inside.
        var close = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
        if (close >= 0 && _text.IndexOf('\\', _pos, close + 2 - _pos) < 0)
        {
            var end = close + 2;
            var lastNewline = _text.LastIndexOf('\n', close, close - _pos);
            if (lastNewline >= 0)
            {
                for (var i = _pos; i <= lastNewline; i++)
                {
                    if (_text[i] == '\n')
                    {
                        _line++;
                    }
                }

                _lineStart = lastNewline + 1;
            }

            // The text is read again only if a declaration takes the comment (SourceComment keeps the span).
            _pos = end;
            SkipSplices();
            return PlainComment;
        }

        var sb = new StringBuilder("/*");
        ReadChars(2);
        while (_pos < _text.Length)
        {
            if (_text[_pos] == '*' && Peek(1) == '/')
            {
                ReadChars(2);
                return sb.Append("*/").ToString();
            }

            sb.Append(_text[_pos]);
            Advance();
        }

        _diagnostics.Report(DiagnosticKind.LexicalError, start, "unterminated /* comment");
        return null;
    }

    private static readonly string[] StringPrefixes = { "u8", "L", "u", "U" };

    private int StringPrefixLength()
    {
        var c = _text[_pos];
        if (c is not ('u' or 'L' or 'U'))
        {
            return 0;
        }

        foreach (var prefix in StringPrefixes)
        {
            if (Matches(prefix) && Peek(prefix.Length) is '"' or '\'')
            {
                return prefix.Length;
            }
        }

        return 0;
    }

    private bool Matches(string s)
    {
        // Only called for short tokens; splices inside punctuators are vanishingly rare and not honoured.
        return string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;
    }

    private char Peek(int offset)
    {
        var index = _pos + offset;
        return index < _text.Length ? _text[index] : '\0';
    }

    private string ReadChars(int count)
    {
        var s = _text.Substring(_pos, Math.Min(count, _text.Length - _pos));
        for (var i = 0; i < count; i++)
        {
            Advance();
        }

        return s;
    }

    private void Advance()
    {
        if (_pos >= _text.Length)
        {
            return;
        }

        if (_text[_pos] == '\n')
        {
            _line++;
            _lineStart = _pos + 1;
        }

        _pos++;
        SkipSplices();
    }

    // Backslash-newline joins physical lines before tokenization (translation phase 2).
    private void SkipSplices()
    {
        while (_pos < _text.Length && _text[_pos] == '\\')
        {
            var next = _pos + 1;
            if (next < _text.Length && _text[next] == '\r')
            {
                next++;
            }

            if (next >= _text.Length || _text[next] != '\n')
            {
                return;
            }

            _pos = next + 1;
            _line++;
            _lineStart = _pos;
        }
    }

    private static string[]?[] GroupPunctuators()
    {
        var groups = new string[]?[128];
        foreach (var punctuator in Punctuators)
        {
            var first = punctuator[0];
            groups[first] = groups[first] is { } existing ? existing.Concat(new[] { punctuator }).ToArray() : new[] { punctuator };
        }

        return groups;
    }

    private SourceLocation Location() => new(_file, _line, _pos - _lineStart + 1);

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    internal static bool IsIdentifierStart(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_' || c > 0x7F && char.IsLetter(c);

    internal static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);
}
