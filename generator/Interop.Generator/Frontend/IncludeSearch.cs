namespace Interop.Generator.Frontend;

/// <summary>A file found by <see cref="IncludeSearch"/>: its path and the search directory it came from (-1: beside its includer, or absolute).</summary>
internal readonly record struct IncludeHit(string Path, int DirectoryIndex);

/// <summary>
/// The C compiler's search order for one translation unit, as a pure function over "does this file exist".
/// Quoted names look beside the including file, then in the include directories (-I), then in the system
/// directories; angled names skip the first step; <c>#include_next</c> continues after the directory the
/// including file was found in. The generator, the CLI and the MSBuild task that hands files to the
/// generator all resolve through this one class, so they cannot disagree about which file an include means.
/// </summary>
internal sealed class IncludeSearch
{
    public IncludeSearch(IEnumerable<string> includeDirectories, IEnumerable<string> systemDirectories)
    {
        var system = systemDirectories.Select(AsDirectory).Distinct(StringComparer.Ordinal).ToList();
        // As clang does: a -I directory that is also a system directory keeps its system place.
        var user = includeDirectories.Select(AsDirectory).Distinct(StringComparer.Ordinal).Where(d => !system.Contains(d)).ToList();
        Directories = user.Concat(system).ToArray();
        SystemDirectoryCount = system.Count;
    }

    /// <summary>Search directories in order (normalized, ending in '/'): the include directories, then the system ones.</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>How many of <see cref="Directories"/>, at the end, are system directories.</summary>
    public int SystemDirectoryCount { get; }

    /// <summary>
    /// Finds <paramref name="name"/> included from <paramref name="includingFile"/>, which was itself found in
    /// search directory <paramref name="includingDirectoryIndex"/> (-1 when it was not found through the search path).
    /// </summary>
    public IncludeHit? Find(string name, bool angled, string includingFile, int includingDirectoryIndex, bool next, Func<string, bool> exists)
    {
        name = name.Replace('\\', '/');
        if (name.StartsWith("/", StringComparison.Ordinal) || (name.Length > 1 && name[1] == ':'))
        {
            var absolute = PathText.Normalize(name);
            return exists(absolute) ? new IncludeHit(absolute, -1) : null;
        }

        // Builtin headers ("<builtin>/...") have no directory to look beside.
        // #include_next in a file not found through the search path searches from the start, as clang does.
        var first = next && includingDirectoryIndex >= 0 ? includingDirectoryIndex + 1 : 0;
        if (!angled && !next && includingFile.Length > 0 && !includingFile.StartsWith("<", StringComparison.Ordinal))
        {
            var beside = PathText.Normalize(PathText.Directory(includingFile) + name);
            if (exists(beside))
            {
                return new IncludeHit(beside, -1);
            }
        }

        for (var i = first; i < Directories.Count; i++)
        {
            var candidate = PathText.Normalize(Directories[i] + name);
            if (exists(candidate))
            {
                return new IncludeHit(candidate, i);
            }
        }

        return null;
    }

    private static string AsDirectory(string directory) => PathText.Normalize(directory).TrimEnd('/') + "/";
}
