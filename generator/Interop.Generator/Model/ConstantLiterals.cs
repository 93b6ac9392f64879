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

    /// <summary>
    /// A value written as a cast to <paramref name="type"/>, in that type's own spelling: no suffix for the narrow and
    /// native-size types, a cast for an enum; null when the type cannot hold a constant.
    /// </summary>
    public static string? Cast(TypeRef type, IntegerValue value)
    {
        var signed = value.IsUnsigned ? (long)value.Bits : value.AsSigned;
        var bits = value.Bits.ToString(CultureInfo.InvariantCulture);
        return type switch
        {
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.Byte or PrimitiveTypeKind.UShort or PrimitiveTypeKind.UInt or PrimitiveTypeKind.NUInt } => bits,
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.ULong } => bits + "UL",
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.SByte or PrimitiveTypeKind.Short or PrimitiveTypeKind.Int or PrimitiveTypeKind.NInt } => signed.ToString(CultureInfo.InvariantCulture),
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.Long } => signed == long.MinValue ? "long.MinValue" : signed.ToString(CultureInfo.InvariantCulture) + "L",
            NamedTypeRef { Kind: NamedTypeKind.Enum } enumeration => $"({CSharpNames.Escape(enumeration.Name)})({signed.ToString(CultureInfo.InvariantCulture)})",
            _ => null,
        };
    }

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
