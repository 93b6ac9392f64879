using System.Globalization;
using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>Reads C integer and character constants with their C11 6.4.4 types.</summary>
internal static class NumberLiteral
{
    public static bool TryParseInteger(string text, out IntegerValue value)
    {
        value = default;
        var body = text;
        var suffixStart = body.Length;
        while (suffixStart > 0 && body[suffixStart - 1] is 'u' or 'U' or 'l' or 'L')
        {
            suffixStart--;
        }

        var suffix = body.Substring(suffixStart).ToLowerInvariant();
        body = body.Substring(0, suffixStart).Replace("'", "");
        if (suffix is not ("" or "u" or "l" or "ul" or "lu" or "ll" or "ull" or "llu"))
        {
            return false;
        }

        ulong bits;
        bool isDecimal;
        try
        {
            if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                isDecimal = false;
                if (body.Length == 2 || !ulong.TryParse(body.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bits))
                {
                    return false;
                }
            }
            else if (body.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            {
                isDecimal = false;
                if (body.Length == 2)
                {
                    return false;
                }

                bits = Convert.ToUInt64(body.Substring(2), 2);
            }
            else if (body.Length > 1 && body[0] == '0')
            {
                isDecimal = false;
                bits = Convert.ToUInt64(body, 8);
            }
            else
            {
                isDecimal = true;
                if (!ulong.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out bits))
                {
                    return false;
                }
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }

        var unsigned = suffix.Contains('u');
        var isLong = suffix.Contains('l');
        IntegerKind kind;
        if (!isLong && !unsigned && bits <= int.MaxValue)
        {
            kind = IntegerKind.Int;
        }
        else if (!isLong && (unsigned || !isDecimal) && bits <= uint.MaxValue)
        {
            kind = IntegerKind.UInt;
        }
        else if (!unsigned && bits <= long.MaxValue)
        {
            kind = IntegerKind.Long;
        }
        else
        {
            kind = IntegerKind.ULong;
        }

        value = IntegerValue.Of(bits, kind);
        return true;
    }

    /// <summary>A character constant's value as an <c>int</c>; plain <c>char</c> is signed on the targets we support.</summary>
    public static bool TryParseChar(string text, out IntegerValue value)
    {
        value = default;
        var quote = text.IndexOf('\'');
        if (quote < 0 || text.Length < quote + 3 || text[text.Length - 1] != '\'')
        {
            return false;
        }

        var wide = quote > 0;
        var body = text.Substring(quote + 1, text.Length - quote - 2);
        if (!TryUnescape(body, out var chars) || chars.Count == 0)
        {
            return false;
        }

        long result;
        if (chars.Count == 1)
        {
            result = wide ? chars[0] : (sbyte)(byte)chars[0];
        }
        else
        {
            // Multi-character constants are implementation-defined; GCC and clang pack bytes big-endian.
            result = 0;
            foreach (var c in chars)
            {
                result = (result << 8) | (byte)c;
            }

            result = (int)result;
        }

        value = IntegerValue.Int(result);
        return true;
    }

    /// <summary>Decodes C escape sequences into code units (bytes for narrow strings).</summary>
    public static bool TryUnescape(string body, out List<long> units)
    {
        units = new List<long>();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\')
            {
                units.Add(c);
                continue;
            }

            if (++i >= body.Length)
            {
                return false;
            }

            c = body[i];
            switch (c)
            {
                case 'n': units.Add('\n'); break;
                case 't': units.Add('\t'); break;
                case 'r': units.Add('\r'); break;
                case 'a': units.Add(7); break;
                case 'b': units.Add(8); break;
                case 'f': units.Add(12); break;
                case 'v': units.Add(11); break;
                case 'e': units.Add(27); break;
                case 'x':
                {
                    long v = 0;
                    var digits = 0;
                    while (i + 1 < body.Length && Uri.IsHexDigit(body[i + 1]))
                    {
                        v = (v << 4) | (long)Convert.ToInt32(body[++i].ToString(), 16);
                        digits++;
                    }

                    if (digits == 0)
                    {
                        return false;
                    }

                    units.Add(v);
                    break;
                }

                default:
                    if (c is >= '0' and <= '7')
                    {
                        long v = c - '0';
                        for (var n = 0; n < 2 && i + 1 < body.Length && body[i + 1] is >= '0' and <= '7'; n++)
                        {
                            v = (v << 3) | (long)(body[++i] - '0');
                        }

                        units.Add(v);
                    }
                    else
                    {
                        units.Add(c);
                    }

                    break;
            }
        }

        return true;
    }
}
