using Interop.Generator.Diagnostics;

namespace Interop.Generator.Syntax;

/// <summary>
/// A function-like <c>#define</c> of a bound file, read by the front-end: its expansion (with the definitions in
/// force at the end of the header) as an expression over its parameters, or why it is not one
/// (<see cref="Refusal"/>), so the binding stage can say so at the <c>#define</c> instead of dropping it.
/// </summary>
/// <param name="IsStatementExpression">The whole expansion is a GNU statement expression <c>({ ... })</c>, read or not.</param>
public sealed record MacroFunction(string Name, IReadOnlyList<string> Parameters, SourceLocation Location, string? Doc, MacroExpression? Body, string? Refusal, bool IsStatementExpression = false);

/// <summary>A C expression in a function-like macro's expansion. Constant sub-expressions are already folded.</summary>
public abstract record MacroExpression;

/// <summary>The macro's parameter at <see cref="Index"/>.</summary>
public sealed record MacroParameter(int Index) : MacroExpression;

/// <summary>An integer constant with its C type (<c>sizeof</c>, enum constants and object-like macros fold into these).</summary>
public sealed record MacroInteger(IntegerValue Value) : MacroExpression;

/// <summary>A floating constant: <c>float</c> with an <c>f</c> suffix, else <c>double</c>.</summary>
public sealed record MacroFloating(double Value, bool IsSingle) : MacroExpression;

/// <summary>A string literal (adjacent ones concatenated): a <c>const char*</c> to static text.</summary>
public sealed record MacroString(string Text) : MacroExpression;

/// <summary>A prefix operator: <c>- + ~ !</c>.</summary>
public sealed record MacroUnary(string Operator, MacroExpression Operand) : MacroExpression;

/// <summary>A binary operator, arithmetic, shift, relational, bitwise or logical.</summary>
public sealed record MacroBinary(string Operator, MacroExpression Left, MacroExpression Right) : MacroExpression;

/// <summary><c>c ? a : b</c>.</summary>
public sealed record MacroConditional(MacroExpression Condition, MacroExpression WhenTrue, MacroExpression WhenFalse) : MacroExpression;

/// <summary><c>(type)operand</c>.</summary>
public sealed record MacroCast(CType Type, MacroExpression Operand) : MacroExpression;

/// <summary>A call of a function the header declares, by name.</summary>
public sealed record MacroCall(string Function, IReadOnlyList<MacroExpression> Arguments) : MacroExpression;

/// <summary>
/// A GNU statement expression <c>({ T a = e, b = e; ...; result; })</c>: only the C compiler can run it, so its macro
/// is wrapped by the shim. It is kept for its types: each local's declared type types the expression it is
/// initialized from, and the value is the last expression statement's (<c>void</c> when there is none).
/// </summary>
public sealed record MacroStatementExpression(IReadOnlyList<MacroLocal> Locals, IReadOnlyList<MacroExpression> Effects, MacroExpression? Result) : MacroExpression;

/// <summary>A local of a statement expression, numbered in declaration order, with its initializer if any.</summary>
public sealed record MacroLocal(int Index, string Name, CType Type, MacroExpression? Initializer);

/// <summary>A use of the statement-expression local numbered <see cref="Index"/>.</summary>
public sealed record MacroLocalUse(int Index) : MacroExpression;
