namespace Interop.Generator.Frontend;

/// <summary>A header's path (normalized, forward slashes) and text.</summary>
internal readonly record struct SourceFile(string Path, string Text);

/// <summary>
/// Finds included files: quoted names next to the including file first, then the include
/// directories, then the builtin headers. Reading is delegated, so the generator resolves from its
/// AdditionalFiles and the CLI from the disk through the same rules.
/// </summary>
internal sealed class IncludeResolver
{
    private readonly Func<string, string?> _read;
    private readonly IReadOnlyList<string> _includeDirectories;

    public IncludeResolver(Func<string, string?> read, IReadOnlyList<string> includeDirectories)
    {
        _read = read;
        _includeDirectories = includeDirectories.Select(d => PathText.Normalize(d).TrimEnd('/') + "/").ToArray();
    }

    public SourceFile? Resolve(string name, bool angled, string includingFile, bool next)
    {
        name = name.Replace('\\', '/');
        if (name.StartsWith("/", StringComparison.Ordinal))
        {
            return TryRead(name);
        }

        var candidates = new List<string>();
        if (!angled && !next && !BuiltinHeaders.IsBuiltin(includingFile))
        {
            candidates.Add(PathText.Directory(includingFile) + name);
        }

        var skipUntilAfter = next ? _includeDirectories.FirstOrDefault(d => includingFile.StartsWith(d, StringComparison.Ordinal)) : null;
        foreach (var directory in _includeDirectories)
        {
            if (skipUntilAfter is not null)
            {
                if (directory == skipUntilAfter)
                {
                    skipUntilAfter = null;
                }

                continue;
            }

            candidates.Add(directory + name);
        }

        foreach (var candidate in candidates)
        {
            if (TryRead(candidate) is { } found)
            {
                return found;
            }
        }

        return BuiltinHeaders.TryGet(name, out var path, out var text) ? new SourceFile(path, text) : null;
    }

    private SourceFile? TryRead(string path)
    {
        var normalized = PathText.Normalize(path);
        var text = _read(normalized);
        return text is null ? null : new SourceFile(normalized, text);
    }
}
