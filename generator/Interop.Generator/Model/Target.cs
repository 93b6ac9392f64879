namespace Interop.Generator.Model;

/// <summary>
/// The ABI facts the layout engine and the preprocessor need about one target triple: sizes and
/// alignments of C's scalar types and the macros the compiler predefines. x86_64-linux-gnu is the
/// default; the other triples select the same data model family with their own differences.
/// </summary>
public sealed class Target
{
    private Target(string triple, int longSize, int longDoubleSize, int longDoubleAlign, bool charIsSigned, IReadOnlyList<KeyValuePair<string, string>> predefined)
    {
        Triple = triple;
        LongSize = longSize;
        LongDoubleSize = longDoubleSize;
        LongDoubleAlignment = longDoubleAlign;
        CharIsSigned = charIsSigned;
        PredefinedMacros = predefined;
    }

    public string Triple { get; }
    public int PointerSize => 8;
    public int LongSize { get; }
    public int LongDoubleSize { get; }
    public int LongDoubleAlignment { get; }
    public bool CharIsSigned { get; }

    /// <summary>Macro name and replacement text, as <c>clang -dM -E</c> reports the essentials for this triple.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PredefinedMacros { get; }

    public static Target X64Linux { get; } = new("x86_64-linux-gnu", 8, 16, 16, charIsSigned: true, Macros(
        Common64(),
        ("__x86_64__", "1"), ("__x86_64", "1"), ("__amd64__", "1"), ("__amd64", "1"),
        ("__linux__", "1"), ("__linux", "1"), ("linux", "1"), ("__gnu_linux__", "1"), ("__unix__", "1"), ("__unix", "1"), ("unix", "1"), ("__ELF__", "1"),
        ("__LP64__", "1"), ("_LP64", "1"), ("__SIZEOF_LONG__", "8"), ("__SIZEOF_LONG_DOUBLE__", "16"), ("__SIZEOF_WCHAR_T__", "4"),
        ("__WCHAR_TYPE__", "int"), ("__WINT_TYPE__", "unsigned int"), ("__LONG_MAX__", "9223372036854775807L"), ("__SIZE_TYPE__", "long unsigned int"),
        ("__PTRDIFF_TYPE__", "long int"), ("__INTPTR_TYPE__", "long int"), ("__UINTPTR_TYPE__", "long unsigned int"),
        ("__INT64_TYPE__", "long int"), ("__UINT64_TYPE__", "long unsigned int"), ("__INTMAX_TYPE__", "long int"), ("__UINTMAX_TYPE__", "long unsigned int"),
        ("__SSE__", "1"), ("__SSE2__", "1")));

    private static IReadOnlyList<KeyValuePair<string, string>> Macros(IEnumerable<(string, string)> common, params (string Name, string Value)[] specific) =>
        common.Concat(specific).Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)).ToArray();

    private static IEnumerable<(string, string)> Common64() => new[]
    {
        ("__STDC__", "1"), ("__STDC_VERSION__", "201710L"), ("__STDC_HOSTED__", "1"),
        ("__GNUC__", "4"), ("__GNUC_MINOR__", "2"), ("__GNUC_PATCHLEVEL__", "1"), ("__GNUC_STDC_INLINE__", "1"),
        ("__clang__", "1"), ("__clang_major__", "14"), ("__clang_minor__", "0"), ("__clang_patchlevel__", "6"),
        ("__CHAR_BIT__", "8"), ("__SIZEOF_SHORT__", "2"), ("__SIZEOF_INT__", "4"), ("__SIZEOF_LONG_LONG__", "8"),
        ("__SIZEOF_POINTER__", "8"), ("__SIZEOF_SIZE_T__", "8"), ("__SIZEOF_PTRDIFF_T__", "8"), ("__SIZEOF_FLOAT__", "4"), ("__SIZEOF_DOUBLE__", "8"),
        ("__SCHAR_MAX__", "127"), ("__SHRT_MAX__", "32767"), ("__INT_MAX__", "2147483647"), ("__LONG_LONG_MAX__", "9223372036854775807LL"),
        ("__ORDER_LITTLE_ENDIAN__", "1234"), ("__ORDER_BIG_ENDIAN__", "4321"), ("__ORDER_PDP_ENDIAN__", "3412"),
        ("__BYTE_ORDER__", "__ORDER_LITTLE_ENDIAN__"), ("__LITTLE_ENDIAN__", "1"),
        ("__INT8_TYPE__", "signed char"), ("__INT16_TYPE__", "short"), ("__INT32_TYPE__", "int"),
        ("__UINT8_TYPE__", "unsigned char"), ("__UINT16_TYPE__", "unsigned short"), ("__UINT32_TYPE__", "unsigned int"),
        ("__CHAR16_TYPE__", "unsigned short"), ("__CHAR32_TYPE__", "unsigned int"),
        ("__OPTIMIZE__", "1"), ("__INTEROP_BINDGEN__", "1"),
    };
}
