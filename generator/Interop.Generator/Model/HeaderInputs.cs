namespace Interop.Generator.Model;

/// <summary>An AdditionalFile the generator cares about: a header to bind or one that may be included.</summary>
public sealed record HeaderInput(string Path, string Text, BindingRequest? Request);

/// <summary>Every header text the generator was given, looked up by normalized path during <c>#include</c>.</summary>
public sealed record HeaderFileSet(EquatableArray<HeaderFileEntry> Files)
{
    private Dictionary<string, string>? _byPath;

    public string? Read(string path)
    {
        _byPath ??= Files.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal);
        return _byPath.TryGetValue(path, out var text) ? text : null;
    }

    public bool Equals(HeaderFileSet? other) => other is not null && Files.Equals(other.Files);

    public override int GetHashCode() => Files.GetHashCode();
}

public sealed record HeaderFileEntry(string Path, string Text);
