using System.Globalization;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace Interop.Generator.Tests.Layout;

/// <summary>A member as clang lays it out: a byte offset, and for a bitfield its first bit and width.</summary>
internal sealed record ClangMember(string Name, long Offset, long? BitOffset, int? BitWidth);

/// <summary>A record as clang lays it out; members of anonymous structs and unions are listed as the record's own, as C reaches them.</summary>
internal sealed record ClangRecord(string Name, long Size, long Alignment, IReadOnlyDictionary<string, ClangMember> Members);

/// <summary>
/// clang-14's own record layouts for a target (<c>-Xclang -fdump-record-layouts</c>): size, alignment, every member's
/// offset and every bitfield's bits, for any triple, without running code built for it.
/// </summary>
internal static partial class ClangRecordLayouts
{
    /// <summary>Lays out every named record of <paramref name="source"/> for <paramref name="triple"/>; clang's errors throw.</summary>
    public static async Task<IReadOnlyDictionary<string, ClangRecord>> DumpAsync(string source, string triple, IEnumerable<string> records)
    {
        // clang lays out only the records the program needs: ask for each one's size.
        var uses = string.Join("\n", records.Select((r, i) => $"char clang_layout_use_{i}[sizeof({r})];"));
        var clang = await CliWrap.Cli.Wrap("clang-14")
            .WithArguments(["-target", triple, "-std=gnu11", "-ffreestanding", "-fsyntax-only", "-w", "-Xclang", "-fdump-record-layouts", "-x", "c", "-"])
            .WithStandardInputPipe(PipeSource.FromString(source + "\n" + uses + "\n"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        if (clang.ExitCode != 0)
        {
            throw new InvalidOperationException($"clang-14 -target {triple} rejects the corpus:\n{clang.StandardError}");
        }

        return Parse(clang.StandardOutput);
    }

    /// <summary>Reads a layout dump: one block per record, members indented by nesting.</summary>
    public static IReadOnlyDictionary<string, ClangRecord> Parse(string dump)
    {
        var records = new Dictionary<string, ClangRecord>(StringComparer.Ordinal);
        foreach (var block in dump.Split("*** Dumping AST Record Layout", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Contains('|')).ToList();
            if (lines.Count == 0 || Line().Match(lines[0]) is not { Success: true } head || head.Groups["text"].Value.Contains('('))
            {
                continue; // an anonymous record's own block: its members are listed in the enclosing record's
            }

            var name = head.Groups["text"].Value.Trim();
            var members = new Dictionary<string, ClangMember>(StringComparer.Ordinal);
            // Per depth, whether the member there has a name: a member is the record's own when no enclosing member has one.
            var named = new List<bool> { false };
            long size = -1, alignment = -1;
            foreach (var line in lines.Skip(1))
            {
                if (Size().Match(line) is { Success: true } total)
                {
                    (size, alignment) = (Number(total.Groups["size"].Value), Number(total.Groups["align"].Value));
                    continue;
                }

                var member = Line().Match(line);
                if (!member.Success)
                {
                    continue;
                }

                var depth = (member.Groups["indent"].Value.Length - 1) / 2;
                var field = FieldName().Match(member.Groups["text"].Value);
                while (named.Count > depth)
                {
                    named.RemoveAt(named.Count - 1);
                }

                if (field.Success && !named.Skip(1).Any(n => n))
                {
                    var bits = member.Groups["first"].Success
                        ? (Number(member.Groups["offset"].Value) * 8 + Number(member.Groups["first"].Value), (int)(Number(member.Groups["last"].Value) - Number(member.Groups["first"].Value) + 1))
                        : ((long?)null, (int?)null);
                    members[field.Value] = new ClangMember(field.Value, Number(member.Groups["offset"].Value), bits.Item1, bits.Item2);
                }

                named.Add(field.Success);
            }

            records[name] = new ClangRecord(name, size, alignment, members);
        }

        return records;
    }

    private static long Number(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    // "         8 |   int x", "    1:3-15 |   unsigned int b", "       8:- |   unsigned int " (a zero-width bitfield).
    [GeneratedRegex(@"^\s*(?<offset>\d+)(?::(?:(?<first>\d+)-(?<last>\d+)|-))?\s\|(?<indent>\s+)(?<text>.*)$")]
    private static partial Regex Line();

    [GeneratedRegex(@"\[sizeof=(?<size>\d+), align=(?<align>\d+)")]
    private static partial Regex Size();

    // The corpus names every field fN, so a member's name is never mistaken for a word of its type.
    [GeneratedRegex(@"(?<=[\s*)\]])f\d+$")]
    private static partial Regex FieldName();
}
