using System.Runtime.InteropServices;
using Interop.RealHeaders.Tests.Catalog;
using Interop.RealHeaders.Tests.Oracle;
using Xunit.Abstractions;

namespace Interop.RealHeaders.Tests.Conformance;

/// <summary>
/// How much of each header was checked against clang, as one table for the record: records, fields,
/// bitfields, enums, macros and functions. Fails when a header's check would be vacuous.
/// </summary>
public sealed class HeaderSummaryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_header_is_checked_substantially()
    {
        output.WriteLine("| header | records | fields | bitfields | enums (members) | macros int/float/string | other constants | functions bound / clang bindable | exported | mismatches |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var vacuous = new List<string>();
        foreach (var header in HeaderCatalog.All)
        {
            var row = await Row(BoundHeader.Get(header.Id));
            output.WriteLine(row.Text);
            if (row.Records == 0 || row.Functions == 0)
            {
                vacuous.Add(header.Id);
            }
        }

        Assert.True(vacuous.Count == 0, "nothing was checked for: " + string.Join(", ", vacuous));
    }

    private static async Task<(string Text, int Records, int Functions)> Row(BoundHeader bound)
    {
        var model = bound.Model;
        var probe = await bound.Probe;
        var macros = await bound.ClangMacroConstants;
        var clangFunctions = await bound.ClangFunctions;

        var records = model.Structs.Count(s => s.CName.Length > 0 && !s.IsOpaque);
        var nested = model.Structs.Count(s => s.CName.Length == 0);
        var opaque = model.Structs.Count(s => s.IsOpaque);
        var fields = probe.ItemsOf(ProbeCategory.Field).Count();
        var bitfields = model.Structs.Sum(s => s.Bitfields.Count());
        var enums = model.Enums.Count();
        var members = probe.ItemsOf(ProbeCategory.EnumMember).Count();
        var macroNames = macros.Values.SelectMany(n => n).ToHashSet(StringComparer.Ordinal);
        var otherConstants = model.Constants.Count(c => !macroNames.Contains(c.Name.TrimStart('@')));
        var bindable = clangFunctions.Count(f => f.IsBindable);
        var functions = model.Functions.Count();
        var handle = NativeLibrary.Load(bound.Header.SharedLibraryPath);
        var exported = model.Functions.Count(f => NativeLibrary.TryGetExport(handle, f.EntryPoint, out _));
        NativeLibrary.Free(handle);
        var mismatches = Enum.GetValues<ProbeCategory>().Sum(c => probe.Mismatches(c).Count);

        var text = $"| {bound.Header.Id} | {records} (+{nested} nested, {opaque} opaque) | {fields} | {bitfields} | {enums} ({members}) | " +
            $"{macros[Clang.MacroConstantKind.Integer].Count}/{macros[Clang.MacroConstantKind.Floating].Count}/{macros[Clang.MacroConstantKind.String].Count} | " +
            $"{otherConstants} | {functions} / {bindable} | {exported} | {mismatches} |";
        return (text, records, functions);
    }
}
