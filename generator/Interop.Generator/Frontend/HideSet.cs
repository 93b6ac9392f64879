namespace Interop.Generator.Frontend;

/// <summary>
/// The set of macro names a token must not be expanded by again (Prosser's algorithm). Tiny and
/// immutable: almost every set holds one to three names, so an array beats a hash set.
/// </summary>
internal sealed class HideSet
{
    public static readonly HideSet Empty = new(Array.Empty<string>());

    private readonly string[] _names;

    private HideSet(string[] names) => _names = names;

    public bool Contains(string name) => Array.IndexOf(_names, name) >= 0;

    public HideSet Add(string name)
    {
        if (Contains(name))
        {
            return this;
        }

        var names = new string[_names.Length + 1];
        _names.CopyTo(names, 0);
        names[_names.Length] = name;
        return new HideSet(names);
    }

    public HideSet Union(HideSet other)
    {
        // Sets are compared only through Contains, so either operand can stand for the union.
        if (other._names.Length == 0 || ReferenceEquals(this, other))
        {
            return this;
        }

        if (_names.Length == 0)
        {
            return other;
        }

        var result = this;
        foreach (var name in other._names)
        {
            result = result.Add(name);
        }

        return result;
    }

    public HideSet Intersect(HideSet other)
    {
        if (_names.Length == 0 || other._names.Length == 0)
        {
            return Empty;
        }

        var kept = _names.Where(other.Contains).ToArray();
        return kept.Length == 0 ? Empty : new HideSet(kept);
    }
}
