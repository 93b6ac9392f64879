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

    /// <summary>
    /// A C type of the same ABI as the bound type <paramref name="type"/>, for a wrapper whose C types are known only
    /// as bound ones (a shimmed macro's inferred signature). Pointers are <c>void *</c> (a result <c>const void *</c>,
    /// so a <c>const</c> pointee converts without a warning); enums are <c>int</c>, as C# binds them.
    /// </summary>
    /// <exception cref="ArgumentException">A struct, handle or string, which has no such C spelling here.</exception>
    public static string OfBound(TypeRef type, bool isResult, string inner = "%") => type switch
    {
        PointerTypeRef or FunctionPointerTypeRef => $"{(isResult ? "const void" : "void")} *{inner}",
        NamedTypeRef { Kind: NamedTypeKind.Enum } => $"int {inner}",
        PrimitiveTypeRef primitive => $"{BoundKeyword(primitive.Kind)} {inner}",
        NamedTypeRef named => throw new ArgumentException($"'{named.Name}' is passed by value, and its C name is not known to the wrapper"),
        _ => throw new ArgumentException($"no C spelling for {type}"),
    };

    private static string BoundKeyword(PrimitiveTypeKind kind) => kind switch
    {
        PrimitiveTypeKind.Void => "void",
        PrimitiveTypeKind.Bool => "_Bool",
        PrimitiveTypeKind.Byte => "unsigned char",
        PrimitiveTypeKind.SByte => "signed char",
        PrimitiveTypeKind.Short => "short",
        PrimitiveTypeKind.UShort or PrimitiveTypeKind.Char => "unsigned short",
        PrimitiveTypeKind.Int => "int",
        PrimitiveTypeKind.UInt => "unsigned int",
        PrimitiveTypeKind.Long => "long long",
        PrimitiveTypeKind.ULong => "unsigned long long",
        PrimitiveTypeKind.NInt => "ptrdiff_t",
        PrimitiveTypeKind.NUInt => "size_t",
        PrimitiveTypeKind.CLong => "long",
        PrimitiveTypeKind.CULong => "unsigned long",
        PrimitiveTypeKind.Float => "float",
        PrimitiveTypeKind.Double => "double",
        PrimitiveTypeKind.Half => "_Float16",
        PrimitiveTypeKind.Int128 => "__int128",
        PrimitiveTypeKind.UInt128 => "unsigned __int128",
        PrimitiveTypeKind.Complex => "double _Complex",
        _ => throw new ArgumentException($"no C spelling for a bound {kind}"),
    };

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
