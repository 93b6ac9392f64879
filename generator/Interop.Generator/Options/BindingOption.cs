namespace Interop.Generator.Options;

/// <summary>How an option's value is written.</summary>
public enum OptionKind
{
    /// <summary>One text value.</summary>
    Text,

    /// <summary>A list: ';' or '|' separated in MSBuild, a repeated flag on the command line.</summary>
    List,

    /// <summary>On unless turned off: <c>false</c> in MSBuild, the <c>--no-...</c> flag on the command line.</summary>
    Switch,
}

/// <summary>Who reads an option's MSBuild property: the generator (so it must be compiler-visible) or the MSBuild task that finds includes.</summary>
public enum OptionReader
{
    Generator,
    IncludeTask,
}

/// <summary>
/// One row of <see cref="BindingOptions"/>: an option's name as <c>NativeHeader</c> metadata, its MSBuild
/// property, its command-line flag, its kind, default and documentation.
/// </summary>
/// <param name="Name">The option, and its <c>NativeHeader</c> metadata name when <paramref name="PerHeader"/>.</param>
/// <param name="PerHeader">Whether it is <c>NativeHeader</c> metadata (it reaches the generator as <c>Interop{Name}</c> on the AdditionalFiles item).</param>
/// <param name="Property">The MSBuild property: for a text or switch, the value for every header without the metadata; for a list, entries added to every header's.</param>
/// <param name="CliFlag">The command-line flag (for a switch, the flag that turns it off).</param>
/// <param name="CliAlias">A short alias of the flag, if any.</param>
/// <param name="EntryForm">The form of one value, for help and for the error when an entry is malformed.</param>
public sealed record BindingOption(
    string Name,
    bool PerHeader,
    string? Property,
    string? CliFlag,
    string? CliAlias,
    OptionKind Kind,
    string Default,
    string Doc,
    string? EntryForm = null,
    OptionReader PropertyReader = OptionReader.Generator)
{
    /// <summary>The metadata name on the AdditionalFiles item the generator reads, or null for a property-only option.</summary>
    public string? Metadata => PerHeader ? "Interop" + Name : null;

    /// <summary>Whether one entry of a list option has the option's <see cref="EntryForm"/>.</summary>
    internal Func<string, bool> IsWellFormed { get; init; } = static _ => true;

    /// <summary>Where the option is written, for messages: <c>Handles (--handle)</c>.</summary>
    public string DisplayName => CliFlag is null ? Name : $"{Name} ({CliFlag})";
}
