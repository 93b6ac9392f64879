using Interop.RealHeaders.Tests.Catalog;
using Interop.RealHeaders.Tests.Oracle;
using Interop.RealHeaders.Tests.Roslyn;
using Microsoft.CodeAnalysis;

namespace Interop.RealHeaders.Tests.Corpus;

/// <summary>What the clang-14 probe found for one sampled header: how many facts were checked and which differ.</summary>
public sealed record CorpusLayoutResult(string Header, int Checked, int Records, IReadOnlyList<Mismatch> Mismatches, IReadOnlyList<string> CompileErrors)
{
    public bool IsExact => Mismatches.Count == 0 && CompileErrors.Count == 0;
}

/// <summary>
/// Checks one bound system header against clang-14 with the oracle the library catalog uses: every record's size and
/// alignment, every field's offset, every bitfield's bits and signedness, every enum member and constant. The
/// bindings are also compiled (with the SDK's LibraryImport generator), so code that does not compile shows here.
/// </summary>
public static class CorpusLayoutCheck
{
    private static readonly ProbeCategory[] Categories =
        [ProbeCategory.Record, ProbeCategory.Field, ProbeCategory.Bitfield, ProbeCategory.EnumMember, ProbeCategory.Constant, ProbeCategory.ConstantType];

    public static async Task<CorpusLayoutResult> CheckAsync(CorpusBinding binding, IReadOnlyList<string> includeDirectories)
    {
        var model = binding.Model ?? throw new ArgumentException($"{binding.Header} has no model to check", nameof(binding));
        var compiled = BindingsCompilation.Create(model, CorpusBinder.ClassName(binding.Header));
        var compileErrors = compiled.Errors.Select(d => d.ToString()).ToList();
        var items = ProbeProgramBuilder.Build(model, compiled.Compilation);
        var records = model.Structs.Count(s => s.CName.Length > 0 && !s.IsOpaque);
        if (items.Count == 0)
        {
            return new CorpusLayoutResult(binding.Header, 0, records, [], compileErrors);
        }

        var header = new RealHeader(CorpusBinder.ClassName(binding.Header), "", binding.Header, binding.Header, includeDirectories, [binding.Header], "", "", "", new Dictionary<string, string>());
        var report = await ClangProbe.RunAsync(header, items, std: "gnu17");
        return new CorpusLayoutResult(binding.Header, items.Count, records, Categories.SelectMany(report.Mismatches).ToList(), compileErrors);
    }
}
