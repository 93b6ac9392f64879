namespace Interop.Generator.Model;

/// <summary>
/// The ABI facts the layout engine and the preprocessor need about one target triple: sizes and
/// alignments of C's scalar types and the macros the compiler predefines. x86_64-linux-gnu is the
/// default; the other triples select the same data model family with their own differences.
/// </summary>
public sealed class Target
{
    private Target(string triple, int longSize, int longDoubleSize, bool charIsSigned, int wcharSize, int vaListSize, bool msvcBitfields, IReadOnlyList<KeyValuePair<string, string>> predefined)
    {
        Triple = triple;
        LongSize = longSize;
        LongDoubleSize = longDoubleSize;
        LongDoubleAlignment = longDoubleSize;
        CharIsSigned = charIsSigned;
        WCharSize = wcharSize;
        VaListSize = vaListSize;
        UsesMsvcBitfields = msvcBitfields;
        PredefinedMacros = predefined;
    }

    public string Triple { get; }
    public int PointerSize => 8;
    public int LongSize { get; }
    public int LongDoubleSize { get; }
    public int LongDoubleAlignment { get; }
    public bool CharIsSigned { get; }
    public int WCharSize { get; }

    /// <summary>Size of <c>va_list</c>: a 24- or 32-byte struct on System V targets, a <c>char*</c> on Windows and Apple.</summary>
    public int VaListSize { get; }

    /// <summary>MSVC packs bitfields per declared type: a field whose type size changes starts a new storage unit.</summary>
    public bool UsesMsvcBitfields { get; }

    /// <summary>Whether clang reads Microsoft's extensions (<c>__ptr32</c>, <c>__ptr64</c>, <c>__unaligned</c>) by default: on MSVC targets only.</summary>
    public bool HasMicrosoftExtensions => UsesMsvcBitfields;

    /// <summary>Whether <c>_Float16</c> is an arithmetic type here: clang-14 rejects it on x86_64 (<c>__fp16</c>, storage only, it accepts everywhere).</summary>
    public bool HasFloat16 => !Triple.StartsWith("x86_64-", StringComparison.Ordinal);

    /// <summary>
    /// AAPCS64 (Linux, not Apple): an unnamed bitfield's type counts toward the record's alignment, and a zero-width one's
    /// whatever the packing; elsewhere only named members align the record.
    /// </summary>
    public bool UnnamedBitfieldsAlignRecord => Triple == "aarch64-linux-gnu";

    /// <summary>Macro name and replacement text, as <c>clang -dM -E</c> reports the essentials for this triple.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PredefinedMacros { get; }

    public static Target X64Linux { get; } = new("x86_64-linux-gnu", 8, 16, charIsSigned: true, wcharSize: 4, vaListSize: 24, msvcBitfields: false, Macros(
        Common().Concat(Gnu()).Concat(Lp64("long int", "long unsigned int", "long int", "long unsigned int", "int")),
        ("__x86_64__", "1"), ("__x86_64", "1"), ("__amd64__", "1"), ("__amd64", "1"),
        ("__linux__", "1"), ("__linux", "1"), ("linux", "1"), ("__gnu_linux__", "1"), ("__unix__", "1"), ("__unix", "1"), ("unix", "1"), ("__ELF__", "1"),
        ("__SIZEOF_LONG_DOUBLE__", "16"), ("__SSE__", "1"), ("__SSE2__", "1")));

    public static Target Arm64Linux { get; } = new("aarch64-linux-gnu", 8, 16, charIsSigned: false, wcharSize: 4, vaListSize: 32, msvcBitfields: false, Macros(
        Common().Concat(Gnu()).Concat(Lp64("long int", "long unsigned int", "long int", "long unsigned int", "unsigned int")),
        ("__aarch64__", "1"), ("__ARM_ARCH", "8"), ("__ARM_64BIT_STATE", "1"), ("__CHAR_UNSIGNED__", "1"),
        ("__linux__", "1"), ("__linux", "1"), ("linux", "1"), ("__gnu_linux__", "1"), ("__unix__", "1"), ("__unix", "1"), ("unix", "1"), ("__ELF__", "1"),
        ("__SIZEOF_LONG_DOUBLE__", "16")));

    public static Target X64Windows { get; } = new("x86_64-windows-msvc", 4, 8, charIsSigned: true, wcharSize: 2, vaListSize: 8, msvcBitfields: true, Macros(
        Common(),
        ("_WIN32", "1"), ("_WIN64", "1"), ("_MSC_VER", "1920"), ("_M_X64", "100"), ("_M_AMD64", "100"),
        ("__SIZEOF_LONG__", "4"), ("__SIZEOF_LONG_DOUBLE__", "8"), ("__SIZEOF_WCHAR_T__", "2"), ("__LONG_MAX__", "2147483647L"),
        ("__WCHAR_TYPE__", "unsigned short"), ("__WINT_TYPE__", "unsigned short"), ("__WCHAR_MAX__", "65535"), ("__WCHAR_UNSIGNED__", "1"),
        ("__SIZE_TYPE__", "long long unsigned int"), ("__PTRDIFF_TYPE__", "long long int"), ("__INTPTR_TYPE__", "long long int"),
        ("__UINTPTR_TYPE__", "long long unsigned int"), ("__INT64_TYPE__", "long long int"), ("__UINT64_TYPE__", "long long unsigned int"),
        ("__INTMAX_TYPE__", "long long int"), ("__UINTMAX_TYPE__", "long long unsigned int")));

    public static Target Arm64Darwin { get; } = new("aarch64-apple-darwin", 8, 8, charIsSigned: true, wcharSize: 4, vaListSize: 8, msvcBitfields: false, Macros(
        Common().Concat(Gnu()).Concat(Lp64("long long int", "long long unsigned int", "long int", "long unsigned int", "int")),
        ("__aarch64__", "1"), ("__arm64__", "1"), ("__APPLE__", "1"), ("__MACH__", "1"), ("__SIZEOF_LONG_DOUBLE__", "8")));

    /// <summary>Every target, the default first.</summary>
    public static IReadOnlyList<Target> All { get; } = new[] { X64Linux, Arm64Linux, X64Windows, Arm64Darwin };

    /// <summary>The target named by a triple (case-insensitive; "x86_64-pc-linux-gnu" style vendors are accepted), or null.</summary>
    public static Target? Find(string? triple)
    {
        if (string.IsNullOrWhiteSpace(triple))
        {
            return X64Linux;
        }

        var parts = triple!.Trim().ToLowerInvariant().Replace("amd64", "x86_64").Replace("arm64", "aarch64").Split('-');
        var arch = parts[0];
        var os = string.Join("-", parts.Skip(1));
        return All.FirstOrDefault(t => t.Triple.StartsWith(arch + "-", StringComparison.Ordinal)
            && (os.Contains("linux") ? t.Triple.Contains("linux") : os.Contains("windows") || os.Contains("win32") ? t.Triple.Contains("windows") : (os.Contains("darwin") || os.Contains("macos") || os.Contains("apple")) && t.Triple.Contains("darwin")));
    }

    public override string ToString() => Triple;

    private static IReadOnlyList<KeyValuePair<string, string>> Macros(IEnumerable<(string, string)> common, params (string Name, string Value)[] specific) =>
        common.Concat(specific).Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)).ToArray();

    private static IEnumerable<(string, string)> Common() => new[]
    {
        ("__STDC__", "1"), ("__STDC_VERSION__", "201710L"), ("__STDC_HOSTED__", "1"),
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
        ("__ATOMIC_RELAXED", "0"), ("__ATOMIC_CONSUME", "1"), ("__ATOMIC_ACQUIRE", "2"), ("__ATOMIC_RELEASE", "3"), ("__ATOMIC_ACQ_REL", "4"), ("__ATOMIC_SEQ_CST", "5"),
    };

    private static IEnumerable<(string, string)> Gnu() => new[]
    {
        ("__GNUC__", "4"), ("__GNUC_MINOR__", "2"), ("__GNUC_PATCHLEVEL__", "1"), ("__GNUC_STDC_INLINE__", "1"),
    };

    private static IEnumerable<(string, string)> Lp64(string int64, string uint64, string intptr, string uintptr, string wchar) => new[]
    {
        ("__LP64__", "1"), ("_LP64", "1"), ("__SIZEOF_LONG__", "8"), ("__SIZEOF_WCHAR_T__", "4"), ("__LONG_MAX__", "9223372036854775807L"),
        ("__WCHAR_TYPE__", wchar), ("__WINT_TYPE__", wchar),
        ("__SIZE_TYPE__", uintptr), ("__PTRDIFF_TYPE__", intptr), ("__INTPTR_TYPE__", intptr), ("__UINTPTR_TYPE__", uintptr),
        ("__INT64_TYPE__", int64), ("__UINT64_TYPE__", uint64), ("__INTMAX_TYPE__", intptr), ("__UINTMAX_TYPE__", uintptr),
    }.Concat(wchar.StartsWith("unsigned", StringComparison.Ordinal)
        ? new[] { ("__WCHAR_MAX__", "4294967295U"), ("__WCHAR_UNSIGNED__", "1") }
        : new[] { ("__WCHAR_MAX__", "2147483647") });
}
