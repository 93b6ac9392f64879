using System.Globalization;
using System.Text;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// Constant values as C# literals: the one place the binding stage spells a value, because the spelling is the
/// value (C's <c>U</c>/<c>L</c> suffixes are kept, <c>long.MinValue</c> has no literal). Types are rendered by the emitter.
/// </summary>
internal static class ConstantLiterals
{
    /// <summary>An integer with the suffix of its C type: <c>16</c>, <c>4294967295U</c>, <c>-1L</c>, <c>1UL</c>.</summary>
    public static string Integer(IntegerValue value) => value.Kind switch
    {
        IntegerKind.Int => value.AsSigned.ToString(CultureInfo.InvariantCulture),
        IntegerKind.UInt => value.Bits.ToString(CultureInfo.InvariantCulture) + "U",
        IntegerKind.Long when value.AsSigned == long.MinValue => "long.MinValue",
        IntegerKind.Long => value.AsSigned.ToString(CultureInfo.InvariantCulture) + "L",
        _ => value.Bits.ToString(CultureInfo.InvariantCulture) + "UL",
    };

    /// <summary>A <c>float</c> (<c>F</c>) or <c>double</c> (<c>D</c>) literal that round-trips.</summary>
    public static string Floating(FloatingMacroValue value) => value.IsSingle
        ? ((float)value.Value).ToString("R", CultureInfo.InvariantCulture) + "F"
        : value.Value.ToString("R", CultureInfo.InvariantCulture) + "D";

    /// <summary>A C# string literal holding <paramref name="text"/>, control characters escaped.</summary>
    public static string String(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
