namespace LogScan;

/// <summary>A command's arguments split into positionals and <c>--name value</c> / <c>--name=value</c> options.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public List<string> Positionals { get; } = [];

    /// <summary>Parses <paramref name="args"/> (after the command name), accepting only <paramref name="knownOptions"/>.</summary>
    public static CommandLine Parse(string command, ReadOnlySpan<string> args, params string[] knownOptions)
    {
        var parsed = new CommandLine(command);
        var optionsEnded = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (optionsEnded || !arg.StartsWith("--", StringComparison.Ordinal) || arg == "-")
            {
                parsed.Positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true; // a needle may start with "--"
                continue;
            }

            var equals = arg.IndexOf('=');
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            if (!knownOptions.Contains(name))
            {
                throw new UsageException($"{command}: unknown option '--{name}'");
            }

            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"{command}: option '--{name}' needs a value");
            }

            parsed._options[name] = value;
        }

        return parsed;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public void ExpectPositionals(int count, string names)
    {
        if (Positionals.Count != count)
        {
            throw new UsageException($"{Command}: expected {names}, got {Positionals.Count} argument(s)");
        }
    }

    public long SizeOption(string name, long fallback, long minimum = 1)
    {
        var text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        return ByteSize.TryParse(text, out var bytes) && bytes >= minimum
            ? bytes
            : throw new UsageException($"{Command}: --{name} must be a size of at least {minimum} bytes such as 64KiB or 2GiB, not '{text}'");
    }

    public int IntOption(string name, int fallback, int minimum = 1)
    {
        var text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, out var value) && value >= minimum
            ? value
            : throw new UsageException($"{Command}: --{name} must be a whole number of at least {minimum}, not '{text}'");
    }

    public T EnumOption<T>(string name, T fallback)
        where T : struct, Enum
    {
        var text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        return Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new UsageException($"{Command}: --{name} must be one of {string.Join('|', Enum.GetNames<T>()).ToLowerInvariant()}, not '{text}'");
    }
}
