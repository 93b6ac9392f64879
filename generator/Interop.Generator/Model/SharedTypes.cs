using Interop.Generator.Diagnostics;

namespace Interop.Generator.Model;

/// <summary>
/// The namespace-level types (structs, unions, enums, SafeHandles) of every header bound into the same namespace,
/// emitted once. Headers that include a common header each bind its types; without this, two such headers in one
/// namespace would declare them twice (CS0101). Identical definitions are kept by the first header in a stable
/// order; different definitions under one name are an error that names both headers.
/// </summary>
public static class SharedTypes
{
    public static SharedTypesResult Merge(IEnumerable<BindingModel> models)
    {
        var ordered = models
            .OrderBy(m => m.Namespace, StringComparer.Ordinal)
            .ThenBy(m => m.HeaderFileName, StringComparer.Ordinal)
            .ThenBy(m => m.ClassName, StringComparer.Ordinal)
            .ToList();
        var merged = new List<BindingModel>(ordered.Count);
        var diagnostics = new List<DiagnosticInfo>();
        // Per namespace: type name → (definition, the header that emits it).
        var owners = new Dictionary<string, Dictionary<string, (object Definition, string Header)>>(StringComparer.Ordinal);
        foreach (var model in ordered)
        {
            if (!owners.TryGetValue(model.Namespace, out var seen))
            {
                owners[model.Namespace] = seen = new Dictionary<string, (object, string)>(StringComparer.Ordinal);
            }

            bool IsNew(string name, object definition)
            {
                if (!seen.TryGetValue(name, out var owner))
                {
                    seen[name] = (definition, model.HeaderFileName);
                    return true;
                }

                if (!owner.Definition.Equals(definition))
                {
                    diagnostics.Add(DiagnosticKind.SharedTypeConflict.At(
                        new SourceLocation("", 0, 0),
                        $"'{model.Namespace}.{name}' is bound from {owner.Header} and from {model.HeaderFileName} with different definitions " +
                        "(different defines, packing or target?); bind the two headers into different namespaces"));
                }

                return false;
            }

            var structs = model.Structs.Where(s => IsNew(s.Name, s)).ToEquatableArray();
            var enums = model.Enums.Where(e => IsNew(e.Name, e)).ToEquatableArray();
            var handles = model.Handles.Where(h => IsNew(h.Name, h)).ToEquatableArray();
            merged.Add(structs.Count == model.Structs.Count && enums.Count == model.Enums.Count && handles.Count == model.Handles.Count
                ? model
                : model with { Structs = structs, Enums = enums, Handles = handles });
        }

        return new SharedTypesResult(merged.ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}

/// <summary>The models with shared types emitted once, and the conflicts found.</summary>
public sealed record SharedTypesResult(EquatableArray<BindingModel> Models, EquatableArray<DiagnosticInfo> Diagnostics);
