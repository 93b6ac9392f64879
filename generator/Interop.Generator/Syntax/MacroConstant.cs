using Interop.Generator.Diagnostics;

namespace Interop.Generator.Syntax;

/// <summary>
/// An object-like <c>#define</c> of a bound file whose value the front-end computed, with the definitions in force
/// at the end of the header: the binding stage reads values, never tokens or a live preprocessor.
/// </summary>
public sealed record MacroConstant(string Name, MacroValue Value, SourceLocation Location, string? Doc);

/// <summary>What a macro's expansion evaluates to in C.</summary>
public abstract record MacroValue;

/// <summary>
/// An integer constant expression, with its C type. <see cref="Cast"/> is the type of a cast that makes up the
/// whole value (<c>((XML_Bool)1)</c>, <c>((sqlite3_destructor_type)-1)</c>): C gives the constant that type.
/// </summary>
public sealed record IntegerMacroValue(IntegerValue Value, CType? Cast) : MacroValue;

/// <summary>A string literal (adjacent ones concatenated, as C does) whose bytes are UTF-8 text.</summary>
public sealed record StringMacroValue(string Text) : MacroValue;

/// <summary>A decimal floating constant: <c>float</c> when written with an <c>f</c> suffix, else <c>double</c>.</summary>
public sealed record FloatingMacroValue(double Value, bool IsSingle) : MacroValue;
