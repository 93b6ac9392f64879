using System.Text;
using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Writes a function-like macro as a static method whose body is the macro's typed expression: every conversion
/// the model made explicit becomes a cast, in an <c>unchecked</c> context, so unsigned arithmetic wraps as in C. A
/// parameter offered as a string gets the overload functions get, written by the same marshalling stub.
/// </summary>
internal static class MacroEmitter
{
    public static void Emit(SourceWriter w, BindingModel model, MacroMethodModel macro)
    {
        w.Doc(macro.Doc, macro.Parameters.Select(p => p.Name), $"The C macro <c>{DocComment.Escape(macro.Name)}</c>, bound as a method.");
        var parameters = string.Join(", ", macro.Parameters.Select(p => $"{TypeText.Of(p.Type)} {CSharpNames.Escape(p.Name)}"));
        var body = Expression(model, macro.Body);
        var returns = macro.ReturnType.IsVoid ? body : $"unchecked({body})";
        w.Line($"public static {TypeText.Of(macro.ReturnType)} {CSharpNames.Escape(macro.Name)}({parameters}) => {returns};");

        var signature = macro.Signature;
        if (signature.HasFriendlyOverload)
        {
            // The string overload marshals as a function's does (the same stub stages), then calls the method above.
            w.Line();
            w.Doc(macro.Doc, macro.Parameters.Select(p => p.Name), $"The C macro <c>{DocComment.Escape(macro.Name)}</c>, bound as a method taking strings as UTF-8.");
            var name = CSharpNames.Escape(macro.Name);
            MarshallingStub.Emit(w, $"public static {TypeText.Of(macro.ReturnType)} {name}({FunctionEmitter.FriendlyParameters(signature)})", signature, name, returnHandle: null);
        }
    }

    private static string Expression(BindingModel model, MacroNode node) => node switch
    {
        MacroArgumentNode argument => CSharpNames.Escape(argument.Name),
        MacroLiteralNode literal => literal.Literal,
        MacroStringNode text => Utf8Pointer(text.Text),
        MacroConvertNode convert => Conversion(Expression(model, convert.Operand), convert.Operand.Type, convert.Type),
        MacroOperatorNode { Operator: MacroOperator.Arithmetic } op => $"({Expression(model, op.Left)} {op.Symbol} {Expression(model, op.Right!)})",
        MacroOperatorNode { Operator: MacroOperator.Prefix, Symbol: "-" } op => $"({TypeText.Of(op.Type)})(({TypeText.Of(op.Type)})0 - {Expression(model, op.Left)})",
        MacroOperatorNode { Operator: MacroOperator.Prefix } op => $"({TypeText.Of(op.Type)})({op.Symbol}{Expression(model, op.Left)})",
        MacroOperatorNode { Operator: MacroOperator.Comparison } op => $"({Expression(model, op.Left)} {op.Symbol} {Expression(model, op.Right!)} ? 1 : 0)",
        MacroOperatorNode { Operator: MacroOperator.Logical } op => $"({Truth(model, op.Left)} {op.Symbol} {Truth(model, op.Right!)} ? 1 : 0)",
        MacroOperatorNode { Operator: MacroOperator.Not } op => $"({Truth(model, op.Left)} ? 0 : 1)",
        MacroConditionalNode conditional => $"({Truth(model, conditional.Condition)} ? {Expression(model, conditional.WhenTrue)} : {Expression(model, conditional.WhenFalse)})",
        MacroCallNode call => $"{model.ClassName}.{CSharpNames.Escape(call.Function)}({string.Join(", ", call.Arguments.Select(a => Expression(model, a)))})",
        _ => throw new InvalidOperationException($"unknown macro node {node.GetType().Name}"),
    };

    /// <summary>C's test against zero: numbers compare with 0, pointers with null, C longs by their value.</summary>
    private static string Truth(BindingModel model, MacroNode node)
    {
        var text = Expression(model, node);
        return node.Type switch
        {
            PointerTypeRef => $"({text} != null)",
            FunctionPointerTypeRef => $"((void*){text} != null)",
            { IsCLong: true } => $"({text}.Value != 0)",
            NamedTypeRef => $"((long){text} != 0)",
            _ => $"({text} != 0)",
        };
    }

    /// <summary>C's conversion of <paramref name="text"/> from one type to another, as a C# cast (integer to pointer sign-extends).</summary>
    internal static string Conversion(string text, TypeRef from, TypeRef to)
    {
        if (from.IsCLong)
        {
            text = $"({text}).Value";
            from = from == TypeRef.CLong ? TypeRef.NInt : TypeRef.NUInt;
        }

        if (to.IsCLong)
        {
            var native = to == TypeRef.CLong ? "nint" : "nuint";
            return $"new {BindingsEmitter.InteropServices}.{(to == TypeRef.CLong ? "CLong" : "CULong")}(({native})({text}))";
        }

        var target = TypeText.Of(to);
        if (to.IsPointer && !from.IsPointer)
        {
            // Integer to pointer as C does it: sign-extended to the pointer's width, then reinterpreted.
            return $"(({target})(void*)(nint)({text}))";
        }

        if (from.IsPointer && !to.IsPointer)
        {
            return $"(({target})(nint)(void*)({text}))";
        }

        if (from is FunctionPointerTypeRef || to is FunctionPointerTypeRef)
        {
            return $"(({target})(void*)({text}))";
        }

        return $"(({target})({text}))";
    }

    /// <summary>
    /// A pointer to a UTF-8 literal: <c>"..."u8</c> data lives in the assembly's static data with a NUL after it, so the
    /// pointer stays valid for the process, as a C string literal does.
    /// </summary>
    private static string Utf8Pointer(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in text)
        {
            literal.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when c < ' ' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        literal.Append("\"u8");
        return $"(sbyte*)global::System.Runtime.CompilerServices.Unsafe.AsPointer(ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference({literal}))";
    }
}
