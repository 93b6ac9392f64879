using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// Function-like macros as methods: each parameter's type is inferred from its use (the bound function parameter it
/// is passed to, a cast, else an arithmetic context: <c>int</c>), then the expansion is typed bottom-up with C's
/// promotions and usual arithmetic conversions made explicit. A macro that cannot be bound gets an Info at its #define.
/// </summary>
internal sealed partial class BindingBuilder
{
    private Dictionary<string, FunctionModel> _boundFunctions = new(StringComparer.Ordinal);

    private List<MacroMethodModel> BindMacroFunctions(IReadOnlyList<MacroFunction> macros, IReadOnlyList<FunctionModel> functions)
    {
        _boundFunctions = functions.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var methods = new List<MacroMethodModel>();
        foreach (var macro in macros)
        {
            if (!_isBoundFile(macro.Location.File) || BindsMacroThroughShim(macro))
            {
                continue;
            }

            var reason = macro.Refusal is { } refusal && _statedSignatures.ContainsKey(macro.Name)
                ? refusal + "; a stated signature cannot make it a C# method (the Shim option can wrap it with the stated types)"
                : macro.Refusal;
            MacroMethodModel? method = null;
            if (reason is null && _usedNames.Contains(macro.Name))
            {
                reason = $"has the name of a function or constant already bound";
            }
            else if (reason is null)
            {
                try
                {
                    method = BindMacroFunction(macro);
                }
                catch (MacroTypeException e)
                {
                    reason = e.Message;
                }
                catch (UnsupportedTypeException e)
                {
                    reason = "uses a type that is not bound: " + e.Message;
                }
            }

            if (method is not null && _usedNames.Add(macro.Name))
            {
                methods.Add(method);
            }
            else
            {
                _diagnostics.Report(DiagnosticKind.MacroNotBound, macro.Location, $"function-like macro '{macro.Name}' is not bound as a method: it {reason}");
            }
        }

        return methods;
    }

    private MacroMethodModel BindMacroFunction(MacroFunction macro)
    {
        var stated = StatedMacroSignature(macro);
        var types = BeginInference(macro);
        var inferred = true;
        try
        {
            Infer(macro.Body!, types, macro);
        }
        catch (MacroTypeException) when (stated is not null)
        {
            inferred = false; // undecided: what the user states decides
        }

        if (stated is not var (statedResult, statedParameters))
        {
            var parameters = new List<ParameterModel>();
            for (var i = 0; i < types.Length; i++)
            {
                var type = types[i] ?? throw new MacroTypeException($"does not use its parameter '{macro.Parameters[i]}', so its type cannot be inferred; state the signature with MacroSignatures");
                parameters.Add(new ParameterModel(macro.Parameters[i], type, _passedAsString[i] == true ? ValueShape.Utf8String : ValueShape.Raw));
            }

            var body = Typed(macro.Body!, parameters);
            return new MacroMethodModel(macro.Name, body.Type, parameters.ToEquatableArray(), body, macro.Doc);
        }

        if (inferred)
        {
            var decided = types.Select((t, i) => t is not null && !_isWeak[i]).ToArray();
            WarnWhereStatedDiffers(macro, statedParameters, statedResult, types, decided, InferredResult(macro, types));
        }

        var typed = Typed(macro.Body!, statedParameters);
        if (statedResult.IsVoid && typed is not MacroCallNode)
        {
            throw new MacroTypeException("is stated to return void in MacroSignatures, but its expansion is a value, not a call");
        }

        return new MacroMethodModel(macro.Name, statedResult, statedParameters, statedResult.IsVoid ? typed : Convert(typed, statedResult), macro.Doc);
    }

    /// <summary>The expansion's type under the inferred parameter types, or null when they do not type it.</summary>
    private TypeRef? InferredResult(MacroFunction macro, TypeRef?[] types)
    {
        if (types.Any(t => t is null))
        {
            return null;
        }

        try
        {
            return Typed(macro.Body!, types.Select((t, i) => new ParameterModel(macro.Parameters[i], t!)).ToList()).Type;
        }
        catch (MacroTypeException)
        {
            return null;
        }
    }

    private void Infer(MacroExpression expression, TypeRef?[] types, MacroFunction macro)
    {
        if (StackGuard.IsLow)
        {
            throw new MacroTypeException("is nested too deeply");
        }

        void Strong(MacroExpression operand, TypeRef type, bool asString = false)
        {
            if (operand is not MacroParameter p)
            {
                Infer(operand, types, macro);
                return;
            }

            if (types[p.Index] is { } known && known != type && !_isWeak[p.Index])
            {
                throw new MacroTypeException($"uses its parameter '{macro.Parameters[p.Index]}' both as {DescribeMacroType(known)} and as {DescribeMacroType(type)}; state the signature with MacroSignatures");
            }

            types[p.Index] = type;
            _isWeak[p.Index] = false;
            _passedAsString[p.Index] = (_passedAsString[p.Index] ?? true) && asString;
        }

        void Weak(MacroExpression operand)
        {
            if (operand is MacroParameter p)
            {
                if (types[p.Index] is null)
                {
                    types[p.Index] = TypeRef.Int;
                    _isWeak[p.Index] = true;
                }
            }
            else
            {
                Infer(operand, types, macro);
            }
        }

        switch (expression)
        {
            case MacroCall call when _boundFunctions.TryGetValue(call.Function, out var function) && function.Parameters.Count == call.Arguments.Count:
                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    Strong(call.Arguments[i], function.Parameters[i].Type, function.Parameters[i].Shape == ValueShape.Utf8String);
                }

                break;
            case MacroCall call:
                throw new MacroTypeException(_boundFunctions.ContainsKey(call.Function) ? $"calls '{call.Function}' with {call.Arguments.Count} arguments" : $"calls '{call.Function}', which is not bound");
            case MacroCast cast:
                Strong(cast.Operand, MapType(cast.Type));
                break;
            case MacroUnary unary:
                Weak(unary.Operand);
                break;
            case MacroBinary binary:
                Weak(binary.Left);
                Weak(binary.Right);
                break;
            case MacroConditional conditional:
                Weak(conditional.Condition);
                Weak(conditional.WhenTrue);
                Weak(conditional.WhenFalse);
                break;
        }
    }

    /// <summary>Fresh per-parameter state for inferring <paramref name="macro"/>: its types, all undecided.</summary>
    private TypeRef?[] BeginInference(MacroFunction macro)
    {
        _isWeak = new bool[macro.Parameters.Count];
        _passedAsString = new bool?[macro.Parameters.Count];
        return new TypeRef?[macro.Parameters.Count];
    }

    private bool[] _isWeak = Array.Empty<bool>();

    // Per parameter: whether every function it is passed to takes it as a string (null: passed to none), so the
    // method gets a string overload as those functions do.
    private bool?[] _passedAsString = Array.Empty<bool?>();

    private MacroNode Typed(MacroExpression expression, IReadOnlyList<ParameterModel> parameters)
    {
        if (StackGuard.IsLow)
        {
            throw new MacroTypeException("is nested too deeply");
        }

        switch (expression)
        {
            case MacroParameter p:
                return new MacroArgumentNode(parameters[p.Index].Name, parameters[p.Index].Type);
            case MacroInteger integer:
                return new MacroLiteralNode(ConstantLiterals.Integer(integer.Value), KindName(integer.Value.Kind));
            case MacroFloating floating:
                return new MacroLiteralNode(ConstantLiterals.Floating(new FloatingMacroValue(floating.Value, floating.IsSingle)), floating.IsSingle ? TypeRef.Float : TypeRef.Double);
            case MacroString text:
                return new MacroStringNode(text.Text);
            case MacroCast cast:
            {
                var target = MapType(cast.Type);
                if (target.IsVoid)
                {
                    throw new MacroTypeException("casts to void, so it has no value");
                }

                return Convert(Typed(cast.Operand, parameters), target);
            }

            case MacroUnary { Operator: "!" } not:
                return new MacroOperatorNode(MacroOperator.Not, "!", Truth(Typed(not.Operand, parameters)), null, TypeRef.Int);
            case MacroUnary unary:
            {
                var operand = Typed(unary.Operand, parameters);
                var type = Arithmetic(operand, unary.Operator);
                if (unary.Operator == "~" && !IsInteger(type))
                {
                    throw new MacroTypeException("takes '~' of a floating value");
                }

                return new MacroOperatorNode(MacroOperator.Prefix, unary.Operator, Convert(operand, type), null, type);
            }

            case MacroBinary binary:
                return TypedBinary(binary, Typed(binary.Left, parameters), Typed(binary.Right, parameters));
            case MacroConditional conditional:
            {
                var condition = Truth(Typed(conditional.Condition, parameters));
                var whenTrue = Typed(conditional.WhenTrue, parameters);
                var whenFalse = Typed(conditional.WhenFalse, parameters);
                var type = whenTrue.Type == whenFalse.Type ? whenTrue.Type
                    : whenTrue.Type.IsPointer && IsZeroLiteral(whenFalse) ? whenTrue.Type
                    : whenFalse.Type.IsPointer && IsZeroLiteral(whenTrue) ? whenFalse.Type
                    : Common(Arithmetic(whenTrue, "?:"), Arithmetic(whenFalse, "?:"));
                return new MacroConditionalNode(condition, Convert(whenTrue, type), Convert(whenFalse, type), type);
            }

            case MacroCall call:
            {
                var function = _boundFunctions[call.Function];
                var arguments = call.Arguments.Select((a, i) => Convert(Typed(a, parameters), function.Parameters[i].Type)).ToEquatableArray();
                return new MacroCallNode(function.Name, arguments, function.ReturnType);
            }

            default:
                throw new MacroTypeException("has an expression that is not bound");
        }
    }

    private MacroNode TypedBinary(MacroBinary binary, MacroNode left, MacroNode right)
    {
        var op = binary.Operator;
        switch (op)
        {
            case "&&":
            case "||":
                return new MacroOperatorNode(MacroOperator.Logical, op, Truth(left), Truth(right), TypeRef.Int);
            case "==" or "!=" or "<" or ">" or "<=" or ">=" when left.Type.IsPointer || right.Type.IsPointer:
            {
                var type = left.Type.IsPointer ? left.Type : right.Type;
                return new MacroOperatorNode(MacroOperator.Comparison, op, Convert(left, type), Convert(right, type), TypeRef.Int);
            }

            case "==" or "!=" or "<" or ">" or "<=" or ">=":
            {
                var type = Common(Arithmetic(left, op), Arithmetic(right, op));
                return new MacroOperatorNode(MacroOperator.Comparison, op, Convert(left, type), Convert(right, type), TypeRef.Int);
            }

            case "<<":
            case ">>":
            {
                var type = Arithmetic(left, op);
                if (!IsInteger(type) || !IsInteger(Arithmetic(right, op)))
                {
                    throw new MacroTypeException($"shifts a floating value ('{op}')");
                }

                return new MacroOperatorNode(MacroOperator.Arithmetic, op, Convert(left, type), Convert(right, TypeRef.Int), type);
            }

            default:
            {
                var type = Common(Arithmetic(left, op), Arithmetic(right, op));
                if (op is "%" or "&" or "|" or "^" && !IsInteger(type))
                {
                    throw new MacroTypeException($"applies '{op}' to a floating value");
                }

                return new MacroOperatorNode(MacroOperator.Arithmetic, op, Convert(left, type), Convert(right, type), type);
            }
        }
    }

    private static bool IsZeroLiteral(MacroNode node) => node is MacroLiteralNode { Literal: "0" };

    /// <summary>A value tested for truth, as C's <c>!</c>, <c>&amp;&amp;</c> and <c>?:</c> do: numbers and pointers only.</summary>
    private static MacroNode Truth(MacroNode node) =>
        node.Type.IsPointer || IsArithmeticType(node.Type) ? node : throw new MacroTypeException($"tests {DescribeMacroType(node.Type)} for truth");

    /// <summary>The type an operand computes in after C's integer promotions, or a refusal naming the operator.</summary>
    private TypeRef Arithmetic(MacroNode node, string op)
    {
        if (node.Type.IsPointer)
        {
            throw new MacroTypeException($"does pointer arithmetic ('{op}'), which is not bound");
        }

        return node.Type switch
        {
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.Int or PrimitiveTypeKind.UInt or PrimitiveTypeKind.Long or PrimitiveTypeKind.ULong or PrimitiveTypeKind.Float or PrimitiveTypeKind.Double } => node.Type,
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.SByte or PrimitiveTypeKind.Byte or PrimitiveTypeKind.Short or PrimitiveTypeKind.UShort or PrimitiveTypeKind.Char or PrimitiveTypeKind.Bool } => TypeRef.Int,
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.CLong } => _layout.Target.LongSize == 8 ? TypeRef.Long : TypeRef.Int,
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.CULong } => _layout.Target.LongSize == 8 ? TypeRef.ULong : TypeRef.UInt,
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.NInt } => TypeRef.Long,
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.NUInt } => TypeRef.ULong,
            NamedTypeRef { Kind: NamedTypeKind.Enum } => TypeRef.Int,
            _ => throw new MacroTypeException($"applies '{op}' to {DescribeMacroType(node.Type)}"),
        };
    }

    private static bool IsArithmeticType(TypeRef type) => type is PrimitiveTypeRef { Kind: not (PrimitiveTypeKind.Void or PrimitiveTypeKind.String) } or NamedTypeRef { Kind: NamedTypeKind.Enum };

    private static bool IsInteger(TypeRef type) => type is PrimitiveTypeRef { Kind: PrimitiveTypeKind.Int or PrimitiveTypeKind.UInt or PrimitiveTypeKind.Long or PrimitiveTypeKind.ULong };

    /// <summary>C's usual arithmetic conversions over promoted types.</summary>
    private static TypeRef Common(TypeRef a, TypeRef b)
    {
        if (a == TypeRef.Double || b == TypeRef.Double)
        {
            return TypeRef.Double;
        }

        if (a == TypeRef.Float || b == TypeRef.Float)
        {
            return TypeRef.Float;
        }

        return KindName(IntegerValue.Common(KindOf(a), KindOf(b)));
    }

    private static IntegerKind KindOf(TypeRef type) =>
        type == TypeRef.UInt ? IntegerKind.UInt : type == TypeRef.Long ? IntegerKind.Long : type == TypeRef.ULong ? IntegerKind.ULong : IntegerKind.Int;

    private static MacroNode Convert(MacroNode node, TypeRef target)
    {
        if (node.Type == target)
        {
            return node;
        }

        var fromOk = node.Type.IsPointer || IsArithmeticType(node.Type);
        var toOk = target.IsPointer || IsArithmeticType(target);
        if (!fromOk || !toOk || (node.Type.IsPointer && target is PrimitiveTypeRef { Kind: PrimitiveTypeKind.Float or PrimitiveTypeKind.Double })
            || (target.IsPointer && node.Type is PrimitiveTypeRef { Kind: PrimitiveTypeKind.Float or PrimitiveTypeKind.Double }))
        {
            throw new MacroTypeException($"converts {DescribeMacroType(node.Type)} to {DescribeMacroType(target)}");
        }

        return new MacroConvertNode(node, target);
    }

    private static string DescribeMacroType(TypeRef type) => type switch
    {
        PointerTypeRef or FunctionPointerTypeRef => "a pointer",
        NamedTypeRef named => $"'{named.Name}'",
        PrimitiveTypeRef primitive => $"'{primitive.Kind.ToString().ToLowerInvariant()}'",
        _ => "a value",
    };

    /// <summary>Why a macro's expansion has no C# type; caught per macro, said at its #define.</summary>
    private sealed class MacroTypeException : Exception
    {
        public MacroTypeException(string message)
            : base(message)
        {
        }
    }
}
