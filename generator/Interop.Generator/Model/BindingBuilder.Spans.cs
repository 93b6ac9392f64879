using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// Pointer and length pairs the user asks to take as spans, by a rule in MSBuild metadata:
/// <c>Spans="interop_crc32c(data,length);*(needle,needle_length)"</c>, where <c>*</c> applies the pair of
/// parameter names to every function that has both.
/// </summary>
internal sealed partial class BindingBuilder
{
    private static readonly HashSet<TypeRef> LengthTypes = new() { TypeRef.Int, TypeRef.UInt, TypeRef.Long, TypeRef.ULong, TypeRef.NInt, TypeRef.NUInt, TypeRef.Short, TypeRef.UShort };

    private EquatableArray<SpanPairModel> SpanPairs(FunctionDecl function, List<ParameterModel> parameters)
    {
        var pairs = new List<SpanPairModel>();
        foreach (var rule in _request.Spans)
        {
            var open = rule.IndexOf('(');
            var target = rule.Substring(0, open);
            var names = rule.Substring(open + 1).TrimEnd(')').Split(',');
            if ((target != "*" && target != function.Name) || names.Length != 2)
            {
                continue;
            }

            var pointer = parameters.FirstOrDefault(p => p.Name == names[0]);
            var length = parameters.FirstOrDefault(p => p.Name == names[1]);
            var declared = function.Type.Parameters.FirstOrDefault(p => p.Name == names[0]);
            if (pointer is null || length is null || declared is null || !LengthTypes.Contains(length.Type) || !IsSpanElementPointer(pointer.Type)
                || pairs.Any(p => p.Pointer == pointer.Name || p.Length == length.Name))
            {
                continue;
            }

            var readOnly = declared.Type.Canonical is PointerType { Pointee.IsConst: true };
            pairs.Add(new SpanPairModel(pointer.Name, length.Name, pointer.Pointee, readOnly, length.Type));
        }

        return pairs.ToEquatableArray();
    }

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
