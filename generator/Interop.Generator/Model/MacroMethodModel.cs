namespace Interop.Generator.Model;

/// <summary>
/// A function-like C macro bound as a static method of the bindings class, under its C name: its parameters'
/// inferred types, and its expansion as a typed expression in which every C conversion is explicit, so the
/// emitter writes C's semantics (integer promotions, unsigned wrap, <c>||</c> yielding <c>int</c>) without deciding any.
/// </summary>
public sealed record MacroMethodModel(string Name, TypeRef ReturnType, EquatableArray<ParameterModel> Parameters, MacroNode Body, string? Doc)
{
    /// <summary>The method as the facade and the string overload see it: a function whose parameters keep their shapes (raw or string).</summary>
    public FunctionModel Signature => new(Name, Name, ReturnType, Parameters, Doc);
}

/// <summary>A node of a macro's typed expression; <see cref="Type"/> is the C# type of its value.</summary>
public abstract record MacroNode(TypeRef Type);

/// <summary>A parameter of the method, by its C name.</summary>
public sealed record MacroArgumentNode(string Name, TypeRef Type) : MacroNode(Type);

/// <summary>A constant, spelled as a C# literal of <see cref="MacroNode.Type"/>.</summary>
public sealed record MacroLiteralNode(string Literal, TypeRef Type) : MacroNode(Type);

/// <summary>A string literal: a pointer to NUL-terminated UTF-8 bytes in the assembly's static data (they never move).</summary>
public sealed record MacroStringNode(string Text) : MacroNode(TypeRef.SByte.Pointer());

/// <summary>An explicit conversion, as C's cast or its implicit arithmetic conversions make one.</summary>
public sealed record MacroConvertNode(MacroNode Operand, TypeRef Type) : MacroNode(Type);

/// <summary>An operator of C# whose operands are already converted to the C type the operator computes in.</summary>
public sealed record MacroOperatorNode(MacroOperator Operator, string Symbol, MacroNode Left, MacroNode? Right, TypeRef Type) : MacroNode(Type);

/// <summary><c>c ? a : b</c>, both branches converted to <see cref="MacroNode.Type"/>.</summary>
public sealed record MacroConditionalNode(MacroNode Condition, MacroNode WhenTrue, MacroNode WhenFalse, TypeRef Type) : MacroNode(Type);

/// <summary>A call of a bound function's raw overload, the arguments converted to its parameter types.</summary>
public sealed record MacroCallNode(string Function, EquatableArray<MacroNode> Arguments, TypeRef Type) : MacroNode(Type);

/// <summary>How an operator of a C macro is written in C#.</summary>
public enum MacroOperator
{
    /// <summary>Arithmetic, bitwise or shift: the value has the operator's type.</summary>
    Arithmetic,

    /// <summary>Prefix <c>- ~ +</c>.</summary>
    Prefix,

    /// <summary>A comparison, which yields <c>int</c> 1 or 0 in C.</summary>
    Comparison,

    /// <summary><c>&amp;&amp;</c> or <c>||</c> over truth values, yielding <c>int</c>.</summary>
    Logical,

    /// <summary><c>!</c>: 1 when the operand is zero.</summary>
    Not,
}
