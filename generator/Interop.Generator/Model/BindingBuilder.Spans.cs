using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// Pointer and length pairs the user asks to take as spans, by a rule in MSBuild metadata:
/// <c>Spans="interop_crc32c(data,length);*(needle,needle_length)"</c>, where <c>*</c> applies the pair of
/// parameter names to every function that has both.
/// </summary>
internal sealed partial class BindingBuilder
{
    private static readonly HashSet<string> LengthTypes = new(StringComparer.Ordinal) { "int", "uint", "long", "ulong", "nint", "nuint", "short", "ushort" };

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

            var pointer = parameters.FirstOrDefault(p => p.Name.TrimStart('@') == names[0]);
            var length = parameters.FirstOrDefault(p => p.Name.TrimStart('@') == names[1]);
            var declared = function.Type.Parameters.FirstOrDefault(p => p.Name == names[0]);
            if (pointer is null || length is null || declared is null || !LengthTypes.Contains(length.CSharpType)
                || !pointer.CSharpType.EndsWith("*", StringComparison.Ordinal) || pointer.CSharpType == "void*" || pointer.CSharpType.StartsWith("delegate", StringComparison.Ordinal)
                || pairs.Any(p => p.Pointer == pointer.Name || p.Length == length.Name))
            {
                continue;
            }

            var readOnly = declared.Type.Canonical is PointerType { Pointee.IsConst: true };
            pairs.Add(new SpanPairModel(pointer.Name, length.Name, pointer.Pointee, readOnly, length.CSharpType));
        }

        return pairs.ToEquatableArray();
    }
}
