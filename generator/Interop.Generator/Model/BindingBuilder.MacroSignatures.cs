using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// The <c>MacroSignatures</c> option: the C types a user states for a function-like macro. They bind a macro whose
/// types inference cannot decide (an unused parameter, one used as two types), and win where inference decided
/// otherwise, with a warning at the <c>#define</c> naming what differs; the expansion then converts as C would. An
/// entry whose parameter count is not the macro's is not used (warning), since the expansion names each parameter.
/// </summary>
internal sealed partial class BindingBuilder
{
    private readonly Dictionary<string, MacroSignature> _statedSignatures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TypeRef ReturnType, EquatableArray<ParameterModel> Parameters)?> _statedTypes = new(StringComparer.Ordinal);

    /// <summary>Keeps the usable entries by macro; says which name no function-like macro or a type the header does not have.</summary>
    private void ReadMacroSignatures(IReadOnlyList<MacroSignature> signatures, IReadOnlyList<MacroFunction> macros)
    {
        var headerLocation = new SourceLocation(_request.HeaderPath, 0, 0);
        var macroNames = new HashSet<string>(macros.Where(m => _isBoundFile(m.Location.File)).Select(m => m.Name), StringComparer.Ordinal);
        foreach (var signature in signatures)
        {
            if (signature.Unresolved is { } type)
            {
                _diagnostics.Report(DiagnosticKind.InvalidOption, headerLocation,
                    $"NativeHeader '{_request.HeaderPath}': MacroSignatures (--macro-signature) entry '{signature.Entry}': '{type}' is not a C type the header declares");
            }
            else if (!macroNames.Contains(signature.Macro))
            {
                _diagnostics.Report(DiagnosticKind.MacroSignatureMismatch, headerLocation,
                    $"MacroSignatures entry '{signature.Entry}' names no function-like macro of the header's own files; it is not used");
            }
            else if (!_statedSignatures.ContainsKey(signature.Macro))
            {
                _statedSignatures[signature.Macro] = signature;
            }
            else
            {
                _diagnostics.Report(DiagnosticKind.MacroSignatureMismatch, headerLocation,
                    $"MacroSignatures states '{signature.Macro}' twice; '{_statedSignatures[signature.Macro].Entry}' is used, '{signature.Entry}' is not");
            }
        }
    }

    /// <summary>
    /// The signature the user states for <paramref name="macro"/>, in bound types (a <c>const char*</c> parameter
    /// offered as a string too), or null: none, or one whose parameter count is not the macro's (warned once, here).
    /// </summary>
    private (TypeRef ReturnType, EquatableArray<ParameterModel> Parameters)? StatedMacroSignature(MacroFunction macro)
    {
        if (_statedTypes.TryGetValue(macro.Name, out var known))
        {
            return known;
        }

        (TypeRef, EquatableArray<ParameterModel>)? stated = null;
        if (_statedSignatures.TryGetValue(macro.Name, out var signature))
        {
            if (signature.Parameters!.Count != macro.Parameters.Count)
            {
                _diagnostics.Report(DiagnosticKind.MacroSignatureMismatch, macro.Location,
                    $"MacroSignatures entry '{signature.Entry}' gives {signature.Parameters.Count} parameter(s), but '{macro.Name}' takes {macro.Parameters.Count}; the entry is not used and inference decides");
            }
            else
            {
                var parameters = new List<ParameterModel>();
                for (var i = 0; i < macro.Parameters.Count; i++)
                {
                    var type = MapType(signature.Parameters[i]);
                    if (type.IsVoid)
                    {
                        throw new MacroTypeException($"has parameter '{macro.Parameters[i]}' stated as void in MacroSignatures");
                    }

                    parameters.Add(new ParameterModel(macro.Parameters[i], type, ShapeOf(signature.Parameters[i]) == ValueShape.Utf8String ? ValueShape.Utf8String : ValueShape.Raw));
                }

                stated = (MapType(signature.Result!), parameters.ToEquatableArray());
            }
        }

        _statedTypes[macro.Name] = stated;
        return stated;
    }

    /// <summary>
    /// Warns at the <c>#define</c> where the stated types differ from what inference decided: a parameter passed to a
    /// function or cast (an arithmetic use only defaults to <c>int</c>, so it decides nothing), and the result when every
    /// parameter was decided. The stated types win.
    /// </summary>
    private void WarnWhereStatedDiffers(MacroFunction macro, EquatableArray<ParameterModel> stated, TypeRef statedResult, TypeRef?[] inferred, bool[] decided, TypeRef? inferredResult)
    {
        var differences = new List<string>();
        for (var i = 0; i < stated.Count; i++)
        {
            if (decided[i] && inferred[i] is { } type && type != stated[i].Type)
            {
                differences.Add($"parameter '{stated[i].Name}' is '{Spelled(stated[i].Type)}' where its use says '{Spelled(type)}'");
            }
        }

        if (inferredResult is { } result && decided.All(d => d) && result != statedResult)
        {
            differences.Add($"the result is '{Spelled(statedResult)}' where the expansion's type is '{Spelled(result)}'");
        }

        if (differences.Count > 0)
        {
            _diagnostics.Report(DiagnosticKind.MacroSignatureMismatch, macro.Location,
                $"the signature MacroSignatures states for '{macro.Name}' differs from what inference found: {string.Join("; ", differences)}; the stated signature wins (the expansion converts as C would)");
        }
    }

    /// <summary>A bound type as the C# declaration spells it, for messages (pointers keep their pointee).</summary>
    private static string Spelled(TypeRef type) => type switch
    {
        PointerTypeRef pointer => Spelled(pointer.Pointee) + "*",
        FunctionPointerTypeRef => "function pointer",
        NamedTypeRef named => named.Name,
        PrimitiveTypeRef { Kind: PrimitiveTypeKind.CLong or PrimitiveTypeKind.CULong } primitive => primitive.Kind.ToString(),
        PrimitiveTypeRef primitive => primitive.Kind.ToString().ToLowerInvariant(),
        _ => type.ToString(),
    };
}
