using Interop.RealHeaders.Tests.Catalog;
using Interop.RealHeaders.Tests.Oracle;
using Xunit.Abstractions;

namespace Interop.RealHeaders.Tests.Conformance;

/// <summary>Every enum member and every macro or anonymous-enum constant, as the compiled C# has it, equals clang-14's value.</summary>
public sealed class ConstantOracleTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public async Task Enum_members_equal_clangs(string id) => await Check(id, ProbeCategory.EnumMember, "enum members");

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public async Task Constants_equal_clangs(string id) => await Check(id, ProbeCategory.Constant, "constants");

    /// <summary>Reported as 2 * sizeof + (1 if signed): 9 is int, 8 unsigned int, 17 long, 16 unsigned long.</summary>
    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public async Task Integer_constant_types_have_clangs_size_and_signedness(string id) => await Check(id, ProbeCategory.ConstantType, "integer constant types");

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public async Task Every_macro_constant_clang_evaluates_is_bound(string id)
    {
        var bound = BoundHeader.Get(id);
        var macros = await bound.ClangMacroConstants;
        var ours = bound.Model.Constants.Select(c => c.Name.TrimStart('@')).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (kind, names) in macros.OrderBy(p => p.Key))
        {
            var unbound = names.Where(name => !ours.Contains(name)).ToList();
            output.WriteLine($"{id}: clang evaluates {names.Count} object-like macros of the header as {kind} constants; {unbound.Count} are not bound");
            missing.AddRange(unbound.Select(name => $"{name} ({kind})"));
        }

        Assert.True(missing.Count == 0, $"{id}: {missing.Count} macro constants are not bound:\n  " + string.Join("\n  ", missing));
    }

    private async Task Check(string id, ProbeCategory category, string what)
    {
        var probe = await BoundHeader.Get(id).Probe;
        OracleAssert.NoMismatches(output, id, what, probe.ItemsOf(category).Count(), probe.Mismatches(category));
    }
}
