namespace Interop.RealHeaders.Tests.Clang;

/// <summary>A function declaration as clang sees it: its name, C type, and the file and line it is declared at.</summary>
public sealed record ClangFunction(string Name, string Type, string File, int Line, bool IsVariadic, bool IsInline, bool IsStatic)
{
    /// <summary>Functions P/Invoke cannot call or that have no symbol: variadic, static and inline ones.</summary>
    public bool IsBindable => !IsVariadic && !IsInline && !IsStatic;

    /// <summary>Why a bindable function may still legitimately stay unbound; null when nothing excuses it.</summary>
    public string? UnbindableReason =>
        Type.Contains("va_list", StringComparison.Ordinal) || Type.Contains("__va_list_tag", StringComparison.Ordinal)
            ? "takes a va_list, which has no portable managed counterpart"
            : Type.Contains("long double", StringComparison.Ordinal)
                ? "uses long double, which .NET has no type for"
                : null;
}
