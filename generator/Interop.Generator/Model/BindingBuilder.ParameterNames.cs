using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// Names for C parameters the declaration leaves unnamed (<c>gzopen(const char *, const char *)</c>), taken, in
/// order, from another declaration or the definition of the same function, a prototype written in a comment
/// (the front-end's <c>CommentedPrototypes</c>), the doc comment's <c>@param</c> list, and last from the parameter's type.
/// Nothing is guessed from meaning: a <c>const char*</c> never becomes a <c>path</c>.
/// </summary>
internal sealed partial class BindingBuilder
{
    private Dictionary<string, List<FunctionDecl>> _declarationsByName = new(StringComparer.Ordinal);

    /// <summary>Parameter names found in the comments of the bound files, by function name.</summary>
    public IReadOnlyDictionary<string, string?[]> CommentedParameterNames { get; set; } = new Dictionary<string, string?[]>();

    private void CollectDeclarations(TranslationUnit unit) =>
        _declarationsByName = unit.Declarations.OfType<FunctionDecl>().GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(f => f.HasBody ? 0 : 1).ToList(), StringComparer.Ordinal);

    /// <summary>The C name of parameter <paramref name="index"/> of <paramref name="function"/>, never null.</summary>
    private string ParameterName(FunctionDecl function, int index)
    {
        var parameters = function.Type.Parameters;
        if (parameters[index].Name is { } given)
        {
            return given;
        }

        if (_declarationsByName.TryGetValue(function.Name, out var declarations)
            && declarations.FirstOrDefault(d => d.Type.Parameters.Count == parameters.Count && d.Type.Parameters[index].Name is not null) is { } named)
        {
            return named.Type.Parameters[index].Name!;
        }

        if (CommentedParameterNames.TryGetValue(function.Name, out var commented) && commented.Length == parameters.Count && commented[index] is { } fromComment)
        {
            return fromComment;
        }

        if (DocumentedParameters(function.Doc) is { } documented && documented.Count == parameters.Count)
        {
            return documented[index];
        }

        return NameFromType(parameters[index].Type);
    }

    /// <summary>The names a Doxygen comment lists with <c>@param</c> or <c>\param</c> (directions like <c>[in]</c> skipped).</summary>
    private static List<string>? DocumentedParameters(string? doc)
    {
        if (doc is null)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var line in doc.Split('\n'))
        {
            var text = line.Trim();
            if (!text.StartsWith("@param", StringComparison.Ordinal) && !text.StartsWith("\\param", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = text.Substring(6).TrimStart();
            if (rest.StartsWith("[", StringComparison.Ordinal) && rest.IndexOf(']') is var close and > 0)
            {
                rest = rest.Substring(close + 1).TrimStart();
            }

            var name = new string(rest.TakeWhile(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
            if (name.Length > 0)
            {
                names.Add(name);
            }
        }

        return names.Count > 0 ? names : null;
    }

    /// <summary>A name from the parameter's type: its typedef or tag (<c>size_t</c> → <c>size</c>), <c>str</c> for characters, <c>pointer</c>, <c>callback</c> or <c>value</c>.</summary>
    private static string NameFromType(CType type)
    {
        switch (type)
        {
            case TypedefType typedef:
                var name = typedef.Decl.Name;
                name = name.EndsWith("_t", StringComparison.Ordinal) && name.Length > 2 ? name.Substring(0, name.Length - 2) : name;
                return name.Length > 1 && char.IsUpper(name[0]) && char.IsLower(name[1]) ? char.ToLowerInvariant(name[0]) + name.Substring(1) : name;
            case PointerType { Pointee: FunctionType }:
                return "callback";
            case PointerType { Pointee: PrimitiveType { Kind: PrimitiveKind.Char or PrimitiveKind.SChar or PrimitiveKind.UChar } }:
                return "str";
            case PointerType { Pointee: PrimitiveType or PointerType }:
                return "pointer";
            case PointerType pointer:
                return NameFromType(pointer.Pointee);
            case RecordType { Decl.Tag: { } tag }:
                return tag;
            case EnumType { Decl.Tag: { } enumTag }:
                return enumTag;
            default:
                return "value";
        }
    }
}
