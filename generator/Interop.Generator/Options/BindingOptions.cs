using System.Text.RegularExpressions;

namespace Interop.Generator.Options;

/// <summary>
/// Every binding option, declared once. The generator reads MSBuild metadata and properties by these rows,
/// the CLI builds its flags from them, and docs/options.md, the props (CompilerVisibleItemMetadata) and the
/// targets (AdditionalFiles metadata) are checked against them by a test.
/// </summary>
public static class BindingOptions
{
    private static readonly Regex Identifier = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
    private static readonly Regex CallbackPair = new(@"^([A-Za-z_][A-Za-z0-9_]*)\(\s*[A-Za-z_][A-Za-z0-9_]*\s*,\s*[A-Za-z_][A-Za-z0-9_]*\s*\)(=\s*-?[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex Call = new(@"^(\*|[A-Za-z_][A-Za-z0-9_]*)\((.*)\)$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex Signature = new(@"^([A-Za-z_][A-Za-z0-9_]*)\s*\(([^()]*(\([^()]*\)[^()]*)*)\)\s*->\s*(\S.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    public static readonly BindingOption Library = new(
        "Library", PerHeader: true, Property: null, "--library", null, OptionKind.Text,
        "the header's file name without extension",
        "The native library name given to LibraryImport.");

    public static readonly BindingOption Namespace = new(
        "Namespace", PerHeader: true, Property: "RootNamespace", "--namespace", null, OptionKind.Text,
        "the project's RootNamespace; Interop.Bindings on the command line",
        "The namespace of the bindings.");

    public static readonly BindingOption Class = new(
        "Class", PerHeader: true, Property: null, "--class", null, OptionKind.Text,
        "the library name in PascalCase",
        "The name of the static bindings class; the facade is I{Class} and {Class}Native.");

    public static readonly BindingOption Defines = new(
        "Defines", PerHeader: true, Property: null, "--define", "-D", OptionKind.List,
        "none",
        "Macros defined before the header is read, as -D does.",
        "NAME or NAME=VALUE")
    {
        IsWellFormed = static entry => Identifier.IsMatch(entry.Split('=')[0].Trim()),
    };

    public static readonly BindingOption IncludeDirectories = new(
        "IncludeDirectories", PerHeader: true, Property: "InteropIncludeDirectories", "--include-directory", "-I", OptionKind.List,
        "none",
        "Directories searched by #include after the including file's own directory, before the system directories (-I). Relative ones are relative to the project.",
        "DIRECTORY");

    public static readonly BindingOption Target = new(
        "Target", PerHeader: true, Property: "InteropTarget", "--target", null, OptionKind.Text,
        "x86_64-linux-gnu",
        "The ABI the layouts are computed for: x86_64-linux-gnu, aarch64-linux-gnu, x86_64-windows-msvc or aarch64-apple-darwin.");

    public static readonly BindingOption VariadicForms = new(
        "VariadicForms", PerHeader: true, Property: null, "--variadic", null, OptionKind.List,
        "none (variadic functions are not bound)",
        "Fixed-arity forms of variadic functions to bind (integer and pointer arguments; refused on Apple arm64).",
        "FUNCTION(TYPE, ...), e.g. curl_easy_setopt(long)")
    {
        IsWellFormed = static entry => Call.Match(entry) is { Success: true } m && m.Groups[1].Value != "*",
    };

    public static readonly BindingOption Handles = new(
        "Handles", PerHeader: true, Property: null, "--handle", null, OptionKind.List,
        "none",
        "Create/destroy pairs that become SafeHandle types.",
        "TYPE=RELEASE_FUNCTION, e.g. sqlite3=sqlite3_close")
    {
        IsWellFormed = static entry => entry.Split('=') is [var type, var release] && Identifier.IsMatch(type.Trim()) && Identifier.IsMatch(release.Trim()),
    };

    public static readonly BindingOption HandleHeuristics = new(
        "HandleHeuristics", PerHeader: true, Property: null, "--no-handle-heuristics", null, OptionKind.Switch,
        "true",
        "Find create/destroy pairs on opaque types by their names (false: only the Handles given).");

    public static readonly BindingOption Spans = new(
        "Spans", PerHeader: true, Property: null, "--span", null, OptionKind.List,
        "none",
        "Pointer and length parameter pairs taken as one span; FUNCTION * applies the pair to every function that has both names.",
        "FUNCTION(POINTER,LENGTH), e.g. *(data,length)")
    {
        IsWellFormed = static entry => Call.Match(entry) is { Success: true } m && m.Groups[2].Value.Split(',') is [var p, var l] && Identifier.IsMatch(p.Trim()) && Identifier.IsMatch(l.Trim()),
    };

    public static readonly BindingOption SuppressGCTransition = new(
        "SuppressGCTransition", PerHeader: true, Property: null, "--suppress-gc-transition", null, OptionKind.List,
        "none",
        "Functions safe to call without a GC transition: short, never blocking, never calling back into .NET.",
        "FUNCTION")
    {
        IsWellFormed = static entry => Identifier.IsMatch(entry),
    };

    public static readonly BindingOption Shim = new(
        "Shim", PerHeader: true, Property: null, "--shim", null, OptionKind.List,
        "none (static inline functions and macros only the C compiler expands are not bound)",
        "API mode: static inline functions and function-like macros bound through a C shim the build compiles (with CMake) and ships beside the program; * takes every static inline function of the header's own files, a name also one from an included system header, or a macro; when on, macros only the C compiler can expand (statement expressions, calls of static inline functions) are wrapped too.",
        "* or FUNCTION or MACRO, e.g. *;__bswap_32;makedev")
    {
        IsWellFormed = static entry => entry == "*" || Identifier.IsMatch(entry),
    };

    public static readonly BindingOption Callbacks = new(
        "Callbacks", PerHeader: true, Property: null, "--callback", null, OptionKind.List,
        "pairs found by shape (a function pointer taking one void* that the function also takes)",
        "Callback and user-data parameter pairs offered as one C# delegate; names a pair the shape leaves ambiguous, or one kept for the call only. =VALUE is what the callback returns to C after it threw (default 0).",
        "FUNCTION(CALLBACK,USER_DATA) or FUNCTION(CALLBACK,USER_DATA)=VALUE, e.g. sqlite3_exec(callback,arg)=1")
    {
        IsWellFormed = static entry => CallbackPair.Match(entry) is { Success: true } m && m.Groups[1].Value != "*",
    };

    public static readonly BindingOption OwnedStrings = new(
        "OwnedStrings", PerHeader: true, Property: null, "--owned-string", null, OptionKind.List,
        "none (a char* result is not copied into a string)",
        "Functions returning a char* the caller must free, with the function that frees it: they get a string? overload that copies and frees.",
        "FUNCTION=RELEASE_FUNCTION, e.g. curl_easy_escape=curl_free")
    {
        IsWellFormed = static entry => entry.Split('=') is [var function, var release] && Identifier.IsMatch(function.Trim()) && Identifier.IsMatch(release.Trim()),
    };

    public static readonly BindingOption MacroSignatures = new(
        "MacroSignatures", PerHeader: true, Property: null, "--macro-signature", null, OptionKind.List,
        "none (parameter and result types are inferred from the expansion)",
        "Signatures of function-like macros in C types, resolved through the header's typedefs: they bind a macro whose types inference cannot decide, and win over inference where it decided otherwise (a warning says so); a macro the shim wraps gets them in its wrapper.",
        "MACRO(TYPE, ...) -> TYPE, e.g. OF(unsigned long) -> unsigned long")
    {
        IsWellFormed = static entry => Signature.IsMatch(entry),
    };

    /// <summary>One <see cref="MacroSignatures"/> entry taken apart: the macro, its parameter list and its result, as written; null when malformed.</summary>
    public static (string Macro, string Parameters, string Result)? SplitMacroSignature(string entry) =>
        Signature.Match(entry) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value.Trim(), m.Groups[4].Value.Trim()) : null;

    public static readonly BindingOption Ambient = new(
        "Ambient", PerHeader: false, Property: "InteropAmbient", "--no-ambient", null, OptionKind.Switch,
        "true",
        "Emit the ambient accessor (Class.Current, Class.Use(fake)), which needs Interop.Runtime (false: no such reference needed).");

    public static readonly BindingOption SystemIncludes = new(
        "SystemIncludes", PerHeader: false, Property: "InteropSystemIncludes", "--no-system-includes", null, OptionKind.Switch,
        "true",
        "Search the system's include directories, asked of the C compiler (false: only the builtin headers stand in for the C library's).",
        PropertyReader: OptionReader.IncludeTask);

    public static readonly BindingOption SystemIncludeDirectories = new(
        "SystemIncludeDirectories", PerHeader: true, Property: "InteropSystemIncludeDirectories", "--system-include-directory", "-isystem", OptionKind.List,
        "asked of the C compiler (cc -E -Wp,-v), else the target's standard directories",
        "The system include directories, searched after IncludeDirectories; given, they replace the ones asked of the compiler.",
        "DIRECTORY",
        PropertyReader: OptionReader.IncludeTask);

    public static readonly BindingOption CCompiler = new(
        "CCompiler", PerHeader: false, Property: "InteropCCompiler", "--cc", null, OptionKind.Text,
        "cc, then clang, then gcc",
        "The C compiler asked for the system include directories.",
        PropertyReader: OptionReader.IncludeTask);

    /// <summary>
    /// Metadata the build sets for the generator that is no option: the item's kind (NativeHeader or NativeInclude)
    /// and the severities of the .editorconfig files that apply to the header (<c>INTEROP1005=none|...</c>).
    /// </summary>
    public const string KindMetadata = "InteropKind";

    /// <summary>See <see cref="KindMetadata"/>.</summary>
    public const string DiagnosticSeveritiesMetadata = "InteropDiagnosticSeverities";

    /// <summary>The table, in the order the docs list it.</summary>
    public static IReadOnlyList<BindingOption> All { get; } = new[]
    {
        Library, Namespace, Class, Defines, IncludeDirectories, Target, VariadicForms, Handles, HandleHeuristics, Spans,
        SuppressGCTransition, Callbacks, OwnedStrings, MacroSignatures, Ambient, SystemIncludes, SystemIncludeDirectories, CCompiler, Shim,
    };

    /// <summary>Splits an MSBuild list value: ';' and '|' both separate ('|' survives the .editorconfig the compiler reads).</summary>
    public static IEnumerable<string> SplitList(string? value) =>
        (value ?? "").Split(new[] { ';', '|' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0);
}
