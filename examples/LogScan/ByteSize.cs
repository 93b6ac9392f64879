using System.Globalization;

namespace LogScan;

/// <summary>Parses sizes like <c>2GiB</c>, <c>512MB</c>, <c>64k</c> or <c>1000</c> (bytes).</summary>
internal static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("KB", 1000L), ("MB", 1000_000L), ("GB", 1000_000_000L), ("TB", 1000_000_000_000L),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("T", 1L << 40), ("B", 1L),
    ];

    public static bool TryParse(string text, out long bytes)
    {
        text = text.Trim();
        long factor = 1;
        foreach (var (suffix, unit) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = unit;
                text = text[..^suffix.Length].TrimEnd();
                break;
            }
        }

        bytes = 0;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value * factor > long.MaxValue)
        {
            return false;
        }

        bytes = (long)(value * factor);
        return true;
    }

    public static string Format(double bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (1L << 30):0.00} GiB",
        >= 1L << 20 => $"{bytes / (1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / (1L << 10):0.0} KiB",
        _ => $"{bytes:0} B",
    };
}
