namespace Interop.RealHeaders.Tests.Oracle;

/// <summary>One difference between our prediction and clang's answer.</summary>
public sealed record Mismatch(string Label, string Ours, string Clangs)
{
    public override string ToString() => $"{Label}: ours {Ours}, clang {Clangs}";
}

/// <summary>The probe's items, what clang printed for each (by label), and the items clang refused to compile.</summary>
public sealed record ProbeReport(IReadOnlyList<ProbeItem> Items, IReadOnlyDictionary<string, string> ClangValues, IReadOnlyDictionary<string, string> Rejected)
{
    public IEnumerable<ProbeItem> ItemsOf(ProbeCategory category) => Items.Where(i => i.Category == category);

    /// <summary>Every item of <paramref name="category"/> whose expected value is not exactly clang's.</summary>
    public IReadOnlyList<Mismatch> Mismatches(ProbeCategory category) =>
        ItemsOf(category)
            .Select(item =>
                Rejected.TryGetValue(item.Label, out var error) ? new Mismatch(item.Label, item.Expected, "rejects it: " + error)
                : !ClangValues.TryGetValue(item.Label, out var value) ? new Mismatch(item.Label, item.Expected, "printed nothing")
                : value == item.Expected ? null
                : new Mismatch(item.Label, item.Expected, value))
            .OfType<Mismatch>()
            .ToList();
}
