using System.Globalization;
using System.Text;
using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>
/// Reads the non-integer constants a <c>#define</c> can hold: string literals (adjacent ones
/// concatenated, as C does) and decimal floating constants.
/// </summary>
internal static class MacroLiteral
{
    /// <summary>The literal value of a macro's expansion, or null when it is not one literal.</summary>
    public static MacroValue? TryRead(List<Token> expansion)
    {
        var tokens = StripParentheses(expansion);
        if (tokens.Count == 0)
        {
            return null;
        }

        // Only terminated literals: an unterminated one (a lexical error) may be just '"'.
        if (tokens.All(t => t.Kind == TokenKind.StringLiteral && t.LexError is null && t.Text.Length >= 2 && t.Text.StartsWith("\"", StringComparison.Ordinal)))
        {
            return TryString(tokens);
        }

        var negative = tokens.Count == 2 && tokens[0].Is("-");
        var number = tokens[tokens.Count - 1];
        if ((tokens.Count == 1 || negative) && number.Kind == TokenKind.Number)
        {
            return TryFloating((negative ? "-" : "") + number.Text);
        }

        return null;
    }

    private static List<Token> StripParentheses(List<Token> tokens)
    {
        while (tokens.Count >= 2 && tokens[0].Is("(") && tokens[tokens.Count - 1].Is(")"))
        {
            tokens = tokens.GetRange(1, tokens.Count - 2);
        }

        return tokens;
    }

    private static StringMacroValue? TryString(List<Token> tokens)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            if (!TryAppendUtf8(token.Text.Substring(1, token.Text.Length - 2), bytes))
            {
                return null;
            }
        }

        try
        {
            return new StringMacroValue(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray()));
        }
        catch (ArgumentException)
        {
            return null; // not UTF-8: a C# string would not round-trip the bytes
        }
    }

    /// <summary>The bytes a narrow C string literal stores: source characters as UTF-8, escapes as the bytes they name.</summary>
    private static bool TryAppendUtf8(string body, List<byte> bytes)
    {
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                var length = char.IsHighSurrogate(body[i]) && i + 1 < body.Length ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(body.Substring(i, length)));
                i += length - 1;
                continue;
            }

            var end = i + 1;
            if (end >= body.Length)
            {
                return false;
            }

            // One escape sequence: its extent depends on its kind.
            if (body[end] == 'x')
            {
                end++;
                while (end < body.Length && Uri.IsHexDigit(body[end])) end++;
            }
            else if (body[end] is >= '0' and <= '7')
            {
                var limit = Math.Min(body.Length, end + 3);
                while (end < limit && body[end] is >= '0' and <= '7') end++;
            }
            else
            {
                end++;
            }

            if (!NumberLiteral.TryUnescape(body.Substring(i, end - i), out var units) || units.Count != 1 || units[0] > 0xFF)
            {
                return false;
            }

            bytes.Add((byte)units[0]);
            i = end - 1;
        }

        return true;
    }

    private static FloatingMacroValue? TryFloating(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower.StartsWith("0x", StringComparison.Ordinal) || lower.StartsWith("-0x", StringComparison.Ordinal) || !(lower.Contains('.') || lower.Contains('e')))
        {
            return null; // hexadecimal floats are rare; integers were handled by the evaluator
        }

        var isFloat = lower.EndsWith("f", StringComparison.Ordinal);
        if (lower.EndsWith("l", StringComparison.Ordinal))
        {
            return null; // long double has no C# counterpart
        }

        var digits = isFloat ? lower.Substring(0, lower.Length - 1) : lower;
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value) || double.IsNaN(value))
        {
            return null;
        }

        return new FloatingMacroValue(value, isFloat);
    }
}
