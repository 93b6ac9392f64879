using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// Spells a C type back as C, for the shim's wrappers: a declarator with <c>%</c> where the declared name goes
/// (<c>int (*%)(void *)</c>), typedef names kept as written so the wrapper matches the header's own prototype.
/// </summary>
internal static class CDeclarator
{
    /// <summary>The declarator of <paramref name="type"/> around <paramref name="inner"/> (the name, <c>%</c> by default).</summary>
    /// <exception cref="ArgumentException">The type has no C spelling outside its declaration (an anonymous struct or enum).</exception>
    public static string Of(CType type, string inner = "%")
    {
        var qualifier = type.IsConst ? "const " : "";
        switch (type)
        {
            case PrimitiveType primitive:
                return $"{qualifier}{Keyword(primitive.Kind)} {inner}";
            case TypedefType typedef:
                return $"{qualifier}{typedef.Decl.Name} {inner}";
            case RecordType record:
                return record.Decl.Tag is { } tag
                    ? $"{qualifier}{(record.Decl.IsUnion ? "union" : "struct")} {tag} {inner}"
                    : throw new ArgumentException("an anonymous struct or union has no name a wrapper could declare");
            case EnumType enumeration:
                return enumeration.Decl.Tag is { } enumTag
                    ? $"{qualifier}enum {enumTag} {inner}"
                    : throw new ArgumentException("an anonymous enum has no name a wrapper could declare");
            case PointerType pointer:
                var declarator = "*" + (pointer.IsConst ? "const " : "") + inner;
                return Of(pointer.Pointee, pointer.Pointee is ArrayType or FunctionType ? $"({declarator})" : declarator);
            case ArrayType array:
                return Of(array.Element, $"{inner}[{array.Length?.ToString(System.Globalization.CultureInfo.InvariantCulture)}]");
            case FunctionType function:
                var parameters = function.Parameters.Select(p => Of(p.Type, p.Name ?? "").TrimEnd()).ToList();
                if (function.IsVariadic)
                {
                    parameters.Add("...");
                }

                var list = parameters.Count == 0 && function.HasPrototype ? "void" : string.Join(", ", parameters);
                return Of(function.ReturnType, $"{inner}({list})");
            default:
                throw new ArgumentException($"no C spelling for {type.GetType().Name}");
        }
    }

    private static string Keyword(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Void => "void",
        PrimitiveKind.Bool => "_Bool",
        PrimitiveKind.Char => "char",
        PrimitiveKind.SChar => "signed char",
        PrimitiveKind.UChar => "unsigned char",
        PrimitiveKind.Short => "short",
        PrimitiveKind.UShort => "unsigned short",
        PrimitiveKind.Int => "int",
        PrimitiveKind.UInt => "unsigned int",
        PrimitiveKind.Long => "long",
        PrimitiveKind.ULong => "unsigned long",
        PrimitiveKind.LongLong => "long long",
        PrimitiveKind.ULongLong => "unsigned long long",
        PrimitiveKind.Int128 => "__int128",
        PrimitiveKind.UInt128 => "unsigned __int128",
        PrimitiveKind.Float => "float",
        PrimitiveKind.Double => "double",
        PrimitiveKind.LongDouble => "long double",
        PrimitiveKind.Float128 => "_Float128",
        PrimitiveKind.VaList => "__builtin_va_list",
        PrimitiveKind.Float16 => "_Float16",
        PrimitiveKind.ComplexFloat => "float _Complex",
        PrimitiveKind.ComplexDouble => "double _Complex",
        PrimitiveKind.ComplexLongDouble => "long double _Complex",
        _ => throw new ArgumentException($"no C spelling for {kind}"),
    };
}
