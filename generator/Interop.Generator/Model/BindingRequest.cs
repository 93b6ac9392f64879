using Interop.Generator.Options;

namespace Interop.Generator.Model;

/// <summary>
/// What the user asked for one header: where it is and how to name its bindings. Built from MSBuild
/// item metadata by the generator and from arguments by the CLI, both through <see cref="FromOptions"/>,
/// so both produce identical output. List entries are kept as written; the compiler checks them.
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
    EquatableArray<string> SuppressGCTransition = default,
    EquatableArray<string> SystemIncludeDirectories = default,
    EquatableArray<string> DiagnosticSeverities = default,
    EquatableArray<string> Shim = default,
    EquatableArray<string> Callbacks = default,
    EquatableArray<string> OwnedStrings = default,
    EquatableArray<string> MacroSignatures = default)
{
    /// <summary>The request for <paramref name="headerPath"/> with the options of <see cref="BindingOptions"/> given in <paramref name="values"/>.</summary>
    public static BindingRequest FromOptions(string headerPath, OptionValues values) => Create(
        headerPath,
        values.Text(BindingOptions.Library),
        values.Text(BindingOptions.Namespace),
        values.Text(BindingOptions.Class),
        values.List(BindingOptions.IncludeDirectories),
        values.List(BindingOptions.Defines),
        values.Text(BindingOptions.Target),
        values.List(BindingOptions.VariadicForms),
        values.List(BindingOptions.Handles),
        values.IsOn(BindingOptions.HandleHeuristics),
        values.List(BindingOptions.Spans),
        values.IsOn(BindingOptions.Ambient),
        values.List(BindingOptions.SuppressGCTransition),
        values.List(BindingOptions.SystemIncludeDirectories),
        values.List(BindingOptions.Shim)) with
    {
        Callbacks = values.List(BindingOptions.Callbacks).Select(e => e.Replace(" ", "")).ToEquatableArray(),
        OwnedStrings = values.List(BindingOptions.OwnedStrings).Select(e => e.Replace(" ", "")).ToEquatableArray(),
        MacroSignatures = values.List(BindingOptions.MacroSignatures).ToEquatableArray(),
    };

    /// <summary>Fills in defaults: library from the header's file name, class as its PascalCase form.</summary>
    public static BindingRequest Create(string headerPath, string? library, string? ns, string? className, IEnumerable<string>? includeDirectories = null, IEnumerable<string>? defines = null, string? target = null, IEnumerable<string>? variadicForms = null, IEnumerable<string>? handles = null, bool handleHeuristics = true, IEnumerable<string>? spans = null, bool ambient = true, IEnumerable<string>? suppressGCTransition = null, IEnumerable<string>? systemIncludeDirectories = null, IEnumerable<string>? shim = null)
    {
        var fileName = FileName(headerPath);
        var stem = fileName.Contains('.') ? fileName.Substring(0, fileName.LastIndexOf('.')) : fileName;
        var lib = string.IsNullOrWhiteSpace(library) ? stem : library!.Trim();
        return new BindingRequest(
            headerPath,
            lib,
            string.IsNullOrWhiteSpace(ns) ? "Interop.Bindings" : ns!.Trim(),
            string.IsNullOrWhiteSpace(className) ? CSharpNames.Pascal(lib) : className!.Trim(),
            Entries(includeDirectories),
            Entries(defines),
            string.IsNullOrWhiteSpace(target) ? Model.Target.X64Linux.Triple : target!.Trim(),
            Entries(variadicForms),
            Entries(handles, h => h.Replace(" ", "")),
            handleHeuristics,
            Entries(spans, s => s.Replace(" ", "")),
            ambient,
            Entries(suppressGCTransition),
            Entries(systemIncludeDirectories),
            Shim: Entries(shim));
    }

    /// <summary>The header's file name without its directories, as the generated files name it.</summary>
    public string HeaderFileName => FileName(HeaderPath);

    /// <summary>Every list entry with the option it belongs to, for checking against the option table.</summary>
    internal IEnumerable<(BindingOption Option, string Entry)> ListEntries() =>
        Defines.Select(e => (BindingOptions.Defines, e))
            .Concat(VariadicForms.Select(e => (BindingOptions.VariadicForms, e)))
            .Concat(Handles.Select(e => (BindingOptions.Handles, e)))
            .Concat(Spans.Select(e => (BindingOptions.Spans, e)))
            .Concat(SuppressGCTransition.Select(e => (BindingOptions.SuppressGCTransition, e)))
            .Concat(Shim.Select(e => (BindingOptions.Shim, e)))
            .Concat(Callbacks.Select(e => (BindingOptions.Callbacks, e)))
            .Concat(OwnedStrings.Select(e => (BindingOptions.OwnedStrings, e)))
            .Concat(MacroSignatures.Select(e => (BindingOptions.MacroSignatures, e)));

    private static string FileName(string path)
    {
        path = path.Replace('\\', '/');
        return path.Substring(path.LastIndexOf('/') + 1);
    }

    private static EquatableArray<string> Entries(IEnumerable<string>? values, Func<string, string>? normalize = null) =>
        (values ?? Array.Empty<string>()).Select(v => normalize is null ? v.Trim() : normalize(v.Trim())).Where(v => v.Length > 0).ToEquatableArray();
}
