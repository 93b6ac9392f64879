using Interop.Generator.Diagnostics;
using Interop.Generator.Frontend;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Frontend;

/// <summary>Hostile macro input stops with INTEROP1040 at a bounded volume of tokens instead of exhausting memory.</summary>
public class ExpansionLimitTests
{
    private static (PreprocessedUnit Unit, IReadOnlyList<DiagnosticInfo> Diagnostics) Run(string text)
    {
        var diagnostics = new DiagnosticBag();
        var resolver = new IncludeResolver(_ => null, Array.Empty<string>());
        var unit = Preprocessor.Run(new SourceFile(TestHeaders.MainPath, text), resolver, Target.X64Linux.PredefinedMacros, diagnostics);
        return (unit, diagnostics.Items);
    }

    private static string Doubling(string leaf, int levels)
    {
        var text = new System.Text.StringBuilder("#define A0 " + leaf + "\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append("#define A").Append(i).Append(" A").Append(i - 1).Append(" A").Append(i - 1).Append('\n');
        }

        return text.Append("int x = A").Append(levels).Append(";\n").ToString();
    }

    [Fact]
    public void Preprocessor_ExplodingMacroStopsWithInterop1040()
    {
        var (unit, diagnostics) = Run(Doubling("x", 40)); // 2^40 tokens if nothing stopped it
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1040", diagnostic.Id);
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 42, 9), diagnostic.Location);
        Assert.True(unit.Tokens.Count < 2_000_000, $"{unit.Tokens.Count} tokens kept");
    }

    [Fact]
    public void Preprocessor_ExplodingMacroWithEmptyLeavesStopsWithInterop1040()
    {
        var (unit, diagnostics) = Run("#define E\n" + Doubling("E E", 40));
        Assert.Equal("INTEROP1040", Assert.Single(diagnostics).Id);
        Assert.Equal(TokenKind.EndOfFile, unit.Tokens[unit.Tokens.Count - 1].Kind);
    }

    [Fact]
    public void Preprocessor_ModerateExpansionIsNotLimited()
    {
        var (unit, diagnostics) = Run(Doubling("leaf", 12)); // 4096 tokens
        Assert.Empty(diagnostics);
        Assert.Equal(4096, unit.Tokens.Count(t => t.Text == "leaf"));
    }
}
