namespace Interop.Generator.Frontend;

/// <summary>A header's path (normalized, forward slashes), text, and the search directory it was found in (-1: not through the search path).</summary>
internal readonly record struct SourceFile(string Path, string Text, int DirectoryIndex = -1);

/// <summary>
/// Finds and reads included files in the order of <see cref="IncludeSearch"/>, then falls back to the
/// builtin headers. Reading is delegated, so the generator resolves from its AdditionalFiles and the CLI
/// from the disk through the same rules.
/// </summary>
internal sealed class IncludeResolver
{
    private readonly Func<string, string?> _read;
    private readonly IncludeSearch _search;

    public IncludeResolver(Func<string, string?> read, IReadOnlyList<string> includeDirectories, IReadOnlyList<string>? systemDirectories = null)
    {
        _read = read;
        _search = new IncludeSearch(includeDirectories, systemDirectories ?? Array.Empty<string>());
    }

    public SourceFile? Resolve(string name, bool angled, string includingFile, int includingDirectoryIndex, bool next)
    {
        string? text = null;
        var hit = _search.Find(name, angled, includingFile, includingDirectoryIndex, next, path => (text = _read(path)) is not null);
        if (hit is { } found)
        {
            return new SourceFile(found.Path, text!, found.DirectoryIndex);
        }

        // Builtin headers stand in for a C library's: they come after every real directory.
        return BuiltinHeaders.TryGet(name, out var path, out var builtin) ? new SourceFile(path, builtin) : null;
    }

    /// <summary>Where a name was looked for, for the "file not found" message.</summary>
    public string Searched(bool angled)
    {
        var system = _search.SystemDirectoryCount;
        var user = _search.Directories.Count - system;
        var where = (angled ? "" : "beside the including file, ") + $"in {user} include director{(user == 1 ? "y" : "ies")} and {system} system director{(system == 1 ? "y" : "ies")}";
        var fix = system == 0
            ? "no system include directories were given; add the header's directory to IncludeDirectories (-I)"
            : "add the header's directory to IncludeDirectories (-I)";
        return $"searched {where}; {fix}";
    }
}
