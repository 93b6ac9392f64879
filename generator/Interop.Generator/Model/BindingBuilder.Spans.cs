using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// Pointer and length pairs the user asks to take as spans, by a rule in MSBuild metadata:
/// <c>Spans="interop_crc32c(data,length);*(needle,needle_length)"</c>, where <c>*</c> applies the pair of
/// parameter names to every function that has both.
/// </summary>
internal sealed partial class BindingBuilder
{
    /// <summary>
    /// Every C integer type a length can have (C's <c>long</c> as <c>CLong</c>, <c>char</c> as <c>sbyte</c> or
    /// <c>byte</c>). The overload converts the span's <c>int</c> Length to it, checked where it is narrower
    /// (<c>Emit/Parameters/SpanPairs.LengthArgument</c>).
    /// </summary>
    private static readonly HashSet<TypeRef> LengthTypes = new()
    {
        TypeRef.SByte, TypeRef.Byte, TypeRef.Short, TypeRef.UShort, TypeRef.Int, TypeRef.UInt, TypeRef.Long, TypeRef.ULong,
        TypeRef.NInt, TypeRef.NUInt, TypeRef.CLong, TypeRef.CULong,
    };

    private EquatableArray<SpanPairModel> SpanPairs(FunctionDecl function, List<ParameterModel> parameters)
    {
        var pairs = new List<SpanPairModel>();
        foreach (var rule in _request.Spans)
        {
            var open = rule.IndexOf('(');
            var target = rule.Substring(0, open);
            var names = rule.Substring(open + 1).TrimEnd(')').Split(',').Select(n => n.Trim()).ToArray();
            if ((target != "*" && target != function.Name) || names.Length != 2)
            {
                continue;
            }

            var pointer = parameters.FirstOrDefault(p => p.Name == names[0]);
            var length = parameters.FirstOrDefault(p => p.Name == names[1]);
            var declared = function.Type.Parameters.FirstOrDefault(p => p.Name == names[0]);
            if (pointer is null || length is null || declared is null)
            {
                // A wildcard rule is for the functions that have both names; a rule naming this function must fit it.
                if (target != "*")
                {
                    NotApplied(function, rule, $"'{function.Name}' has no parameter named '{(pointer is null || declared is null ? names[0] : names[1])}'");
                }

                continue;
            }

            var why = !LengthTypes.Contains(length.Type) ? $"the length '{names[1]}' is {Describe(length.Type)}, not an integer"
                : pointer.Type is PointerTypeRef { Pointee.IsVoid: true } ? $"'{names[0]}' is void*, which has no element type for a span; name a typed pointer"
                : !IsSpanElementPointer(pointer.Type) ? $"'{names[0]}' is not a data pointer"
                : pairs.FirstOrDefault(p => p.Pointer == pointer.Name || p.Length == length.Name) is { } taken ? $"another rule already pairs ({taken.Pointer},{taken.Length})"
                : null;
            if (why is not null)
            {
                NotApplied(function, rule, why);
                continue;
            }

            var readOnly = declared.Type.Canonical is PointerType { Pointee.IsConst: true };
            pairs.Add(new SpanPairModel(pointer.Name, length.Name, pointer.Pointee, readOnly, length.Type));
        }

        return pairs.ToEquatableArray();
    }

    private void NotApplied(FunctionDecl function, string rule, string why) =>
        _diagnostics.Report(DiagnosticKind.SpanRuleNotApplied, function.Location, $"span rule '{rule}' is not applied to '{function.Name}': {why}; its raw overload stays");

    /// <summary>A type as a diagnostic names it.</summary>
    private static string Describe(TypeRef type) => type switch
    {
        PrimitiveTypeRef primitive => primitive.Kind.ToString().ToLowerInvariant(),
        PointerTypeRef or FunctionPointerTypeRef => "a pointer",
        NamedTypeRef named => $"{named.Kind.ToString().ToLowerInvariant()} {named.Name}",
        _ => type.ToString(),
    };

    /// <summary>A data pointer to something with a size: not <c>void*</c>, and not a (pointer to a) function pointer.</summary>
    private static bool IsSpanElementPointer(TypeRef type)
    {
        if (type is not PointerTypeRef { Pointee: var pointee } || pointee.IsVoid)
        {
            return false;
        }

        while (pointee is PointerTypeRef inner)
        {
            pointee = inner.Pointee;
        }

        return pointee is not FunctionPointerTypeRef;
    }
}
