using Interop.Generator.Diagnostics;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Layout;

/// <summary>
/// The tricky-layout corpus (<see cref="TrickyLayoutHeaders"/>, 242 headers) bound for every target and checked
/// against clang-14's own layout dump for that target: every record's size and alignment, every field's offset, every
/// bitfield's first bit and width, every flexible or zero-length array's offset. A record is exact, or our binding
/// says why in a located diagnostic; nothing clang lays out is missing without one.
/// </summary>
public sealed class TrickyLayoutCorpusTests
{
    private const int HeaderCount = 242;

    public static TheoryData<string> Targets => new(Target.All.Select(t => t.Triple));

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task EveryRecord_IsLaidOutAsClangLaysItOut(string triple)
    {
        var headers = TrickyLayoutHeaders.Generate(HeaderCount);
        var bound = headers.Select(h => (Header: h, Result: TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", target: triple), h))).ToList();
        var names = bound.SelectMany(b => RecordNames(b.Header)).ToList();
        var clang = await ClangRecordLayouts.DumpAsync(string.Join("\n", headers), triple, names);

        var differences = new List<string>();
        var failedHeaders = new List<string>();
        var checkedRecords = 0;
        foreach (var (header, result) in bound)
        {
            var before = differences.Count;
            foreach (var error in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                differences.Add($"error: {error}");
            }

            foreach (var name in RecordNames(header))
            {
                var expected = clang[name];
                var ours = result.Model?.Structs.FirstOrDefault(s => s.CName == name);
                if (ours is null || ours.IsOpaque)
                {
                    if (!result.Diagnostics.Any(d => d.Location.Line > 0 && d.Message.Contains(name.Split(' ')[1], StringComparison.Ordinal)))
                    {
                        differences.Add($"{name}: not bound, and no located diagnostic says why");
                    }

                    continue;
                }

                checkedRecords++;
                Compare(differences, name, "sizeof", expected.Size, ours.Size);
                Compare(differences, name, "alignof", expected.Alignment, ours.Alignment);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var field in ours.Fields.Where(f => expected.Members.ContainsKey(f.CName)))
                {
                    seen.Add(field.CName);
                    Compare(differences, name, field.CName, expected.Members[field.CName].Offset, field.Offset);
                }

                foreach (var trailing in ours.TrailingArrays)
                {
                    seen.Add(trailing.CName);
                    Compare(differences, name, trailing.CName + "[]", expected.Members.TryGetValue(trailing.CName, out var m) ? m.Offset : -1, trailing.Offset);
                }

                foreach (var bitfield in ours.Bitfields)
                {
                    seen.Add(bitfield.CName);
                    var member = expected.Members.GetValueOrDefault(bitfield.CName);
                    Compare(differences, name, bitfield.CName + " bits", $"{member?.BitOffset}+{member?.BitWidth}", $"{bitfield.BitOffset}+{bitfield.Width}");
                }

                foreach (var missing in expected.Members.Keys.Where(k => !seen.Contains(k)))
                {
                    if (!result.Diagnostics.Any(d => d.Location.Line > 0 && d.Message.Contains($"'{missing}'", StringComparison.Ordinal)))
                    {
                        differences.Add($"{name}.{missing}: not bound, and no located diagnostic says why");
                    }
                }
            }

            if (differences.Count > before)
            {
                failedHeaders.Add(header);
            }
        }

        // Every differing header, whole, for the one who fixes them: the message shows only the first few.
        var report = Path.Combine(Path.GetTempPath(), $"tricky-layout-{triple}.txt");
        File.WriteAllText(report, string.Join("\n", differences) + "\n\n" + string.Join("\n----\n", failedHeaders));
        Assert.True(differences.Count == 0,
            $"{triple}: {differences.Count} differences from clang-14 in {failedHeaders.Count} of {HeaderCount} headers (all in {report}):\n" +
            string.Join("\n", differences.Take(60)) + "\n\nfirst headers that differ:\n" + string.Join("\n----\n", failedHeaders.Take(4)));
        Assert.True(checkedRecords >= 400, $"only {checkedRecords} records were checked");
    }

    [Fact]
    public void Corpus_IsTheSameOnEveryRun()
    {
        Assert.Equal(TrickyLayoutHeaders.Generate(HeaderCount), TrickyLayoutHeaders.Generate(HeaderCount));
        Assert.Equal(HeaderCount, TrickyLayoutHeaders.Generate(HeaderCount).Distinct().Count());
    }

    private static IEnumerable<string> RecordNames(string header) =>
        header.Split('\n')
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^(struct|union) (?:__attribute__\(\(packed\)\) )?(t\d+_[su]\d+) \{"))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}");

    private static void Compare<T>(List<string> differences, string record, string what, T clang, T ours)
    {
        if (!EqualityComparer<T>.Default.Equals(clang, ours))
        {
            differences.Add($"{record} {what}: clang {clang}, ours {ours}");
        }
    }
}
