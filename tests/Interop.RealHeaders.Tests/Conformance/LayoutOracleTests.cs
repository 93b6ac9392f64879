using Interop.RealHeaders.Tests.Catalog;
using Interop.RealHeaders.Tests.Oracle;
using Xunit.Abstractions;

namespace Interop.RealHeaders.Tests.Conformance;

/// <summary>Sizes, alignments, field offsets and bitfield bits of every record equal clang-14's for the same header.</summary>
public sealed class LayoutOracleTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public async Task Record_sizes_and_alignments_equal_clangs(string id) => await Check(id, ProbeCategory.Record, "record sizes and alignments");

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public async Task Field_offsets_equal_clangs(string id) => await Check(id, ProbeCategory.Field, "field offsets");

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public async Task Bitfield_bits_and_signedness_equal_clangs(string id) => await Check(id, ProbeCategory.Bitfield, "bitfield probes");

    private async Task Check(string id, ProbeCategory category, string what)
    {
        var probe = await BoundHeader.Get(id).Probe;
        OracleAssert.NoMismatches(output, id, what, probe.ItemsOf(category).Count(), probe.Mismatches(category));
    }
}
