using System.Text;

namespace LogScan.Tests;

/// <summary>Small files that break naive line scanners, written once per test class into a temporary folder.</summary>
public sealed class EdgeCaseFiles : IDisposable
{
    public const string Needle = "ERROR";

    private static readonly Dictionary<string, Func<byte[]>> Contents = new()
    {
        ["empty"] = () => [],
        ["only-newlines"] = () => "\n\n\n"u8.ToArray(),
        ["one-match"] = () => "ERROR\n"u8.ToArray(),
        ["no-final-newline-match"] = () => "a\nb ERROR"u8.ToArray(),
        ["no-final-newline-miss"] = () => "ERROR\nb ERRO"u8.ToArray(),
        ["crlf"] = () => "x ERROR\r\ny\r\nERROR\r\n\r\nERRO\r\nR\r\n"u8.ToArray(),
        ["lone-cr"] = () => "ERR\rOR\rERROR\r"u8.ToArray(),
        ["several-per-line"] = () => "ERRORERROR ERROR\nERRERROR\nEERROR\nERRORR\n"u8.ToArray(),
        ["needle-across-newline"] = () => "ERR\nOR\nERRO\nR\n"u8.ToArray(),
        ["prefix-overlaps"] = () => "ERERRORR\nERRERRORERR\nRORRERROR\n"u8.ToArray(),
        ["invalid-utf8"] = () => [0xFF, 0xFE, (byte)'E', (byte)'R', (byte)'R', (byte)'O', (byte)'R', 0xC3, (byte)'\n', 0xC3, 0x28, 0xA0, 0xA1, (byte)'\n', 0xED, 0xA0, 0x80, (byte)'E', (byte)'R', 0x80, (byte)'\n', 0xF8, (byte)'E', (byte)'R', (byte)'R', (byte)'O', (byte)'R'],
        ["lesson-format"] = () => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 3000).Select(i => i % 3 == 0 ? $"Line {i}: INFO: System ok\n" : $"Line {i}: ERROR: System failure {i}\n"))),
        ["long-lines"] = LongLines,
        ["random-dense"] = () => RandomText(1, 200_000, "ERO\nx\r"u8),
        ["random-sparse"] = () => RandomText(2, 300_000, "abcdefghijklmnopqrstuvwxyzERO \n"u8),
        ["random-long-lines"] = () => RandomText(3, 200_000, "abcdefghijklmnopqrstuvwxyzERROR"u8),
    };

    public EdgeCaseFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("logscan-edge-").FullName;
        foreach (var (name, content) in Contents)
        {
            File.WriteAllBytes(PathOf(name), content());
        }
    }

    public static TheoryData<string> Names => [.. Contents.Keys];

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name + ".log");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static byte[] LongLines()
    {
        // Lines far longer than the small buffers and chunks the tests use, with the needle at the start, the end,
        // the middle and nowhere, so matches straddle reads and chunk boundaries.
        var text = new StringBuilder();
        text.Append("ERROR").Append('x', 50_000).Append('\n');
        text.Append('y', 50_000).Append("ERROR\n");
        text.Append('z', 25_000).Append("ERROR").Append('z', 25_000).Append('\n');
        text.Append('w', 70_000).Append('\n');
        text.Append("short ERROR\n");
        text.Append('v', 65_536 - 2).Append("ERROR").Append('v', 10).Append('\n');
        text.Append('u', 40_000).Append("ERRO");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] RandomText(int seed, int length, ReadOnlySpan<byte> alphabet)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = alphabet[random.Next(alphabet.Length)];
        }

        // Plant whole needles too, so matches are common rather than left to chance.
        for (var i = 0; i < length / 500; i++)
        {
            "ERROR"u8.CopyTo(bytes.AsSpan(random.Next(length - 5)));
        }

        return bytes;
    }
}
