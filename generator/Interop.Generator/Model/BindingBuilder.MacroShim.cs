using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// API mode for function-like macros: a macro only the C compiler can expand (a GNU statement expression, or a call of
/// a function with no exported symbol) and any macro named in the <c>Shim</c> list get an exported C wrapper that
/// expands them, bound under the macro's name like a shimmed inline function. <c>*</c> does not select macros: only
/// names and those two kinds do, and only when the option is on. The wrapper's types are the ones <c>MacroSignatures</c>
/// states, else the macro binder's inference (statement-expression locals type what initializes them), spelled in C by
/// their ABI (<see cref="CDeclarator.OfBound"/>).
/// </summary>
internal sealed partial class BindingBuilder
{
    private readonly List<FunctionModel> _shimmedMacros = new();
    private readonly HashSet<string> _macrosNamedForShim = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the macro is the shim's business: wrapped, or reported (INTEROP1200 when it needs the compiler and the
    /// option is off, INTEROP1400 when a named one cannot be wrapped). False leaves it to the C# method binder.
    /// </summary>
    private bool BindsMacroThroughShim(MacroFunction macro)
    {
        var named = _request.Shim.Contains(macro.Name);
        var compilerOnly = CompilerOnlyReason(macro);
        if (!named && compilerOnly is null)
        {
            return false;
        }

        if (named)
        {
            _macrosNamedForShim.Add(macro.Name);
        }
        else if (_request.Shim.Count == 0)
        {
            _diagnostics.Report(DiagnosticKind.MacroNotBound, macro.Location, $"function-like macro '{macro.Name}' is not bound as a method: it {compilerOnly}, which only the C compiler can expand; the Shim option would wrap it (API mode)");
            return true;
        }

        string why;
        try
        {
            if (_usedNames.Contains(macro.Name))
            {
                throw new MacroTypeException("has the name of a function or constant already bound");
            }

            var (returnType, parameters) = StatedMacroSignature(macro) ?? InferredShimSignature(macro);
            var wrapperParameters = parameters.Select((p, i) => new ShimParameterModel("interop_arg_" + i, CDeclarator.OfBound(p.Type, isResult: false))).ToEquatableArray();
            var wrapper = new ShimFunctionModel(macro.Name, ShimModel.EntryPointOf(macro.Name), CDeclarator.OfBound(returnType, isResult: true), wrapperParameters, macro.Location, ShimTarget.Macro);
            _usedNames.Add(macro.Name);
            _shimFunctions.Add(wrapper);
            _shimmedMacros.Add(new FunctionModel(macro.Name, wrapper.EntryPoint, returnType, parameters, macro.Doc, Shimmed: true));
            return true;
        }
        catch (MacroTypeException e)
        {
            why = e.Message;
        }
        catch (UnsupportedTypeException e)
        {
            why = "uses a type that is not bound: " + e.Message;
        }
        catch (ArgumentException e)
        {
            why = "has a type the wrapper cannot spell in C: " + e.Message;
        }

        if (named)
        {
            _diagnostics.Report(DiagnosticKind.ShimNotWritten, macro.Location, $"Shim entry '{macro.Name}' (a function-like macro) is not wrapped: it {why}");
        }
        else
        {
            _diagnostics.Report(DiagnosticKind.MacroNotBound, macro.Location, $"function-like macro '{macro.Name}' is not bound: it {compilerOnly}, which only the C compiler can expand, and the shim cannot wrap it: it {why}");
        }

        return true;
    }

    /// <summary>Why only the C compiler can expand the macro, or null.</summary>
    private string? CompilerOnlyReason(MacroFunction macro)
    {
        if (macro.IsStatementExpression)
        {
            return "is a statement expression ('({ ... })')";
        }

        if (macro.Body is null)
        {
            return null;
        }

        foreach (var node in MacroNodes(macro.Body))
        {
            switch (node)
            {
                case MacroStatementExpression:
                    return "uses a statement expression ('({ ... })')";
                case MacroCall call when !_boundFunctions.ContainsKey(call.Function) && HasNoExportedSymbol(call.Function):
                    return $"calls '{call.Function}', which is static inline and has no exported symbol";
            }
        }

        return null;
    }

    private bool HasNoExportedSymbol(string function) =>
        _declarationsByName.TryGetValue(function, out var declarations) && declarations.Any(d => d.HasBody && (d.IsInline || d.IsStatic));

    /// <summary>
    /// The macro binder's inference over the expansion with its statement expressions taken apart: a local's
    /// initializer is typed as a cast to the local's type, a use of the local as a value of that type, the value is
    /// the last expression statement's. Functions the header declares but does not bind type their calls as declared.
    /// </summary>
    private (TypeRef ReturnType, EquatableArray<ParameterModel> Parameters) InferredShimSignature(MacroFunction macro)
    {
        if (macro.Body is null)
        {
            throw new MacroTypeException(macro.Refusal + (macro.IsStatementExpression ? "; its signature cannot be inferred" : ""));
        }

        var uses = new List<MacroExpression>();
        var value = Lowered(macro.Body, new Dictionary<int, CType>(), uses, isValue: true);
        if (value is not null)
        {
            uses.Add(value);
        }

        var declaredOnly = new List<string>();
        try
        {
            foreach (var call in uses.SelectMany(MacroNodes).OfType<MacroCall>())
            {
                if (!_boundFunctions.ContainsKey(call.Function) && _declarationsByName.TryGetValue(call.Function, out var declarations))
                {
                    var declared = declarations[0];
                    var declaredParameters = declared.Type.Parameters.Select((p, i) => new ParameterModel("p" + i, MapType(p.Type))).ToEquatableArray();
                    _boundFunctions[call.Function] = new FunctionModel(declared.Name, declared.Name, MapType(declared.Type.ReturnType), declaredParameters, null);
                    declaredOnly.Add(call.Function);
                }
            }

            var types = BeginInference(macro);
            foreach (var use in uses)
            {
                Infer(use, types, macro);
            }

            var parameters = types.Select((t, i) => new ParameterModel(macro.Parameters[i], t ?? throw new MacroTypeException($"does not use its parameter '{macro.Parameters[i]}', so its type cannot be inferred"))).ToEquatableArray();
            return (value is null ? TypeRef.Void : Typed(value, parameters).Type, parameters);
        }
        finally
        {
            foreach (var name in declaredOnly)
            {
                _boundFunctions.Remove(name);
            }
        }
    }

    /// <summary>
    /// <paramref name="expression"/> without statement expressions: each is replaced by its value, its initializers
    /// (as casts to their locals' types) and other statements are added to <paramref name="uses"/>, and a local
    /// stands as <c>(T)0</c>, a value of its type that says nothing about the parameters. Null: no value (void).
    /// </summary>
    private static MacroExpression? Lowered(MacroExpression expression, Dictionary<int, CType> locals, List<MacroExpression> uses, bool isValue = false)
    {
        if (StackGuard.IsLow)
        {
            throw new MacroTypeException("is nested too deeply");
        }

        MacroExpression Value(MacroExpression operand) =>
            Lowered(operand, locals, uses) ?? throw new MacroTypeException("uses a statement expression without a value as an operand");

        switch (expression)
        {
            case MacroStatementExpression statements:
                foreach (var local in statements.Locals)
                {
                    if (local.Initializer is { } initializer)
                    {
                        uses.Add(new MacroCast(local.Type, Value(initializer)));
                    }

                    locals[local.Index] = local.Type;
                }

                foreach (var effect in statements.Effects)
                {
                    uses.Add(Value(effect));
                }

                return statements.Result is null ? (isValue ? null : throw new MacroTypeException("uses a statement expression without a value as an operand")) : Value(statements.Result);
            case MacroLocalUse use:
                return new MacroCast(locals[use.Index], new MacroInteger(IntegerValue.Of(0, IntegerKind.Int)));
            case MacroUnary unary:
                return unary with { Operand = Value(unary.Operand) };
            case MacroBinary binary:
                return binary with { Left = Value(binary.Left), Right = Value(binary.Right) };
            case MacroConditional conditional:
                return new MacroConditional(Value(conditional.Condition), Value(conditional.WhenTrue), Value(conditional.WhenFalse));
            case MacroCast cast:
                return cast with { Operand = Value(cast.Operand) };
            case MacroCall call:
                return call with { Arguments = call.Arguments.Select(Value).ToList() };
            default:
                return expression;
        }
    }

    /// <summary>Every node of a macro's expansion, statement expressions' parts included.</summary>
    private static IEnumerable<MacroExpression> MacroNodes(MacroExpression root)
    {
        var pending = new Stack<MacroExpression>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            var children = node switch
            {
                MacroUnary unary => new[] { unary.Operand },
                MacroBinary binary => new[] { binary.Left, binary.Right },
                MacroConditional conditional => new[] { conditional.Condition, conditional.WhenTrue, conditional.WhenFalse },
                MacroCast cast => new[] { cast.Operand },
                MacroCall call => call.Arguments,
                MacroStatementExpression statements => statements.Locals.Select(l => l.Initializer).OfType<MacroExpression>().Concat(statements.Effects).Concat(statements.Result is null ? Array.Empty<MacroExpression>() : new[] { statements.Result }),
                _ => Array.Empty<MacroExpression>(),
            };
            foreach (var child in children)
            {
                pending.Push(child);
            }
        }
    }
}
