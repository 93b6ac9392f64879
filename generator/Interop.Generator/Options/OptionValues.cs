namespace Interop.Generator.Options;

/// <summary>
/// The values given for one header's options, by row of <see cref="BindingOptions"/>, as written: the
/// generator fills it from MSBuild metadata and properties, the CLI from its flags. Entries are checked
/// later, by the compiler, so a malformed one becomes a located diagnostic rather than disappearing.
/// </summary>
public sealed class OptionValues
{
    private readonly Dictionary<BindingOption, List<string>> _values = new();
    private readonly HashSet<BindingOption> _off = new();

    /// <summary>Sets a text option, or adds to a list option (null and empty values are ignored).</summary>
    public OptionValues Add(BindingOption option, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return this;
        }

        if (option.Kind == OptionKind.Switch)
        {
            if (string.Equals(value!.Trim(), "false", StringComparison.OrdinalIgnoreCase))
            {
                _off.Add(option);
            }

            return this;
        }

        if (!_values.TryGetValue(option, out var list))
        {
            _values[option] = list = new List<string>();
        }

        if (option.Kind == OptionKind.Text)
        {
            list.Clear();
        }

        list.Add(value!.Trim());
        return this;
    }

    /// <summary>Adds each of <paramref name="values"/>.</summary>
    public OptionValues AddRange(BindingOption option, IEnumerable<string>? values)
    {
        foreach (var value in values ?? Array.Empty<string>())
        {
            Add(option, value);
        }

        return this;
    }

    /// <summary>Replaces a list option's entries.</summary>
    public OptionValues Replace(BindingOption option, IEnumerable<string> values)
    {
        _values.Remove(option);
        return AddRange(option, values);
    }

    /// <summary>Turns a switch off (the command line's <c>--no-...</c>).</summary>
    public OptionValues TurnOff(BindingOption option)
    {
        _off.Add(option);
        return this;
    }

    public string? Text(BindingOption option) => _values.TryGetValue(option, out var list) && list.Count > 0 ? list[list.Count - 1] : null;

    public IReadOnlyList<string> List(BindingOption option) => _values.TryGetValue(option, out var list) ? list : (IReadOnlyList<string>)Array.Empty<string>();

    public bool IsOn(BindingOption option) => !_off.Contains(option);

    public bool Has(BindingOption option) => _values.ContainsKey(option) || _off.Contains(option);
}
