namespace Interop.Generator.Model;

/// <summary>
/// What the user asked for one header: where it is and how to name its bindings. Built from MSBuild
/// item metadata by the generator and from arguments by the CLI, so both produce identical output.
/// </summary>
public sealed record BindingRequest(
    string HeaderPath,
    string LibraryName,
    string Namespace,
    string ClassName,
    EquatableArray<string> IncludeDirectories,
    EquatableArray<string> Defines,
    string Target = "x86_64-linux-gnu",
    EquatableArray<string> VariadicForms = default,
    EquatableArray<string> Handles = default,
    bool HandleHeuristics = true,
    EquatableArray<string> Spans = default,
    bool Ambient = true,
    EquatableArray<string> SuppressGCTransition = default)
{
    /// <summary>Fills in defaults: library from the header's file name, class as its PascalCase form.</summary>
    public static BindingRequest Create(string headerPath, string? library, string? ns, string? className, IEnumerable<string>? includeDirectories = null, IEnumerable<string>? defines = null, string? target = null, IEnumerable<string>? variadicForms = null, IEnumerable<string>? handles = null, bool handleHeuristics = true, IEnumerable<string>? spans = null, bool ambient = true, IEnumerable<string>? suppressGCTransition = null)
    {
        var fileName = headerPath.Replace('\\', '/');
        fileName = fileName.Substring(fileName.LastIndexOf('/') + 1);
        var stem = fileName.Contains('.') ? fileName.Substring(0, fileName.LastIndexOf('.')) : fileName;
        var lib = string.IsNullOrWhiteSpace(library) ? stem : library!.Trim();
        return new BindingRequest(
            headerPath,
            lib,
            string.IsNullOrWhiteSpace(ns) ? "Interop.Bindings" : ns!.Trim(),
            string.IsNullOrWhiteSpace(className) ? CSharpNames.Pascal(lib) : className!.Trim(),
            (includeDirectories ?? Array.Empty<string>()).Where(d => d.Length > 0).ToEquatableArray(),
            (defines ?? Array.Empty<string>()).Where(d => d.Length > 0).ToEquatableArray(),
            string.IsNullOrWhiteSpace(target) ? Model.Target.X64Linux.Triple : target!.Trim(),
            (variadicForms ?? Array.Empty<string>()).Select(f => f.Trim()).Where(f => f.Length > 0).ToEquatableArray(),
            (handles ?? Array.Empty<string>()).Select(h => h.Replace(" ", "")).Where(h => h.Contains('=')).ToEquatableArray(),
            handleHeuristics,
            (spans ?? Array.Empty<string>()).Select(h => h.Replace(" ", "")).Where(h => h.Contains('(')).ToEquatableArray(),
            ambient,
            (suppressGCTransition ?? Array.Empty<string>()).Select(f => f.Trim()).Where(f => f.Length > 0).ToEquatableArray());
    }
}
