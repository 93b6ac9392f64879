namespace Interop.Generator.Frontend;

/// <summary>
/// Answers <c>__has_attribute</c>, <c>__has_builtin</c>, <c>__has_feature</c> and friends the way clang 14
/// does for what this front-end also understands, so headers take the branches they take under clang
/// (which is our layout oracle). Anything we could not honour answers 0, steering headers to plainer C.
/// </summary>
internal static class CompilerFeatures
{
    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        "aligned", "packed", "visibility", "deprecated", "unavailable", "noreturn", "const", "pure", "format", "format_arg",
        "nonnull", "returns_nonnull", "warn_unused_result", "malloc", "alloc_size", "alloc_align", "sentinel", "unused", "used",
        "always_inline", "noinline", "cold", "hot", "weak", "alias", "section", "nothrow", "may_alias", "availability",
        "fallthrough", "dllimport", "dllexport", "cdecl", "stdcall", "fastcall", "leaf", "flatten", "artificial", "error", "warning",
    };

    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        "__builtin_va_list", "__builtin_offsetof", "__builtin_expect", "__builtin_unreachable", "__builtin_constant_p",
        "__builtin_bswap16", "__builtin_bswap32", "__builtin_bswap64", "__builtin_clz", "__builtin_ctz", "__builtin_popcount",
    };

    private static readonly HashSet<string> Features = new(StringComparer.Ordinal)
    {
        "c_alignas", "c_alignof", "c_static_assert", "c_generic_selections", "c_thread_local", "attribute_deprecated_with_message",
        "attribute_unavailable_with_message", "nullability",
    };

    /// <summary>What clang's <c>__is_identifier(x)</c> answers: 1 unless x is a keyword (C's, or one of clang's own).</summary>
    public static bool IsIdentifier(string name) => !Keywords.Contains(name);

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern", "float", "for",
        "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
        "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool",
        "_Complex", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local", "__int128", "__attribute__",
        "__asm__", "__asm", "__const", "__const__", "__inline", "__inline__", "__restrict", "__restrict__", "__signed",
        "__signed__", "__volatile", "__volatile__", "__typeof", "__typeof__", "typeof", "__extension__", "__alignof__",
        "__builtin_va_list", "__builtin_offsetof", "__label__", "__real__", "__imag__", "__thread", "_Float16", "__fp16",
        "__float128", "__complex__", "_Nonnull", "_Nullable", "_Null_unspecified",
    };

    public static bool Has(string operatorName, string name)
    {
        var bare = name.Length > 4 && name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal)
            ? name.Substring(2, name.Length - 4)
            : name;
        return operatorName switch
        {
            "__has_attribute" => Attributes.Contains(bare),
            "__has_builtin" => Builtins.Contains(name),
            "__has_feature" or "__has_extension" => Features.Contains(bare),
            // C2x [[attributes]], C++ attributes, declspecs and warnings: none of these change declarations for us.
            _ => false,
        };
    }
}
