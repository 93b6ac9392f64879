using Interop.Generator.Diagnostics;

namespace Interop.Generator.Tests.Frontend;

public class PreprocessorDirectiveTests
{
    [Fact]
    public void Preprocessor_QuotedIncludeResolvesRelativeToIncludingFile()
    {
        var (text, diagnostics) = TestHeaders.Preprocess(
            "#include \"sub/a.h\"\n",
            ("/src/sub/a.h", "from_a\n#include \"b.h\"\n"),
            ("/src/sub/b.h", "sub_b\n"),
            ("/src/b.h", "top_b\n"));
        Assert.Empty(diagnostics);
        Assert.Equal("from_a sub_b", text);
    }

    [Fact]
    public void Preprocessor_AngledIncludeUsesIncludeDirectory()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#include <x.h>\n", ("/inc/x.h", "from_inc\n"), ("/src/x.h", "from_src\n"));
        Assert.Empty(diagnostics);
        Assert.Equal("from_inc", text);
    }

    [Fact]
    public void Preprocessor_QuotedIncludeFallsBackToIncludeDirectory()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#include \"y.h\"\n", ("/inc/y.h", "y\n"));
        Assert.Empty(diagnostics);
        Assert.Equal("y", text);
    }

    [Fact]
    public void Preprocessor_IncludeNameMayComeFromMacro()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#define HDR \"m.h\"\n#include HDR\n", ("/src/m.h", "m\n"));
        Assert.Empty(diagnostics);
        Assert.Equal("m", text);
    }

    [Fact]
    public void Preprocessor_IncludeGuardIncludesOnce()
    {
        var (text, diagnostics) = TestHeaders.Preprocess(
            "#include \"g.h\"\n#include \"g.h\"\n",
            ("/src/g.h", "#ifndef G_H\n#define G_H\nint g;\n#endif\n"));
        Assert.Empty(diagnostics);
        Assert.Equal("int g ;", text);
    }

    [Fact]
    public void Preprocessor_PragmaOnceIncludesOnce()
    {
        var (text, diagnostics) = TestHeaders.Preprocess(
            "#include \"o.h\"\n#include \"./o.h\"\n#include <o.h>\n",
            ("/src/o.h", "#pragma once\nint o;\n"),
            ("/inc/o.h", "int other;\n"));
        Assert.Empty(diagnostics);
        Assert.Equal("int o ; int other ;", text);
    }

    [Fact]
    public void Preprocessor_MissingIncludeIsInterop1002AtTheIncludeDirective()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("int a;\n#include \"nope.h\"\n");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1002", diagnostic.Id);
        // At the directive name, the project's choice (clang-14 points at the header name, 2:10).
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 2, 2), diagnostic.Location);
        Assert.Contains("'nope.h'", diagnostic.Message);
    }

    [Fact]
    public void Preprocessor_MissingAngledIncludeIsInterop1002AtTheIncludeDirective()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("  #  include <nope2.h>\n");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1002", diagnostic.Id);
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 1, 6), diagnostic.Location); // clang-14: 1:14
    }

    [Fact]
    public void Preprocessor_MalformedIncludeIsInterop1003()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#include nothing_here\n");
        Assert.Equal("INTEROP1003", Assert.Single(diagnostics).Id);
    }

    [Theory]
    [InlineData("stdint.h", "#include <stdint.h>\nuint8_t x;", "unsigned char")]
    [InlineData("stddef.h", "#include <stddef.h>\nsize_t n;", "long unsigned int")]
    [InlineData("stdbool.h", "#include <stdbool.h>\nbool b = true;", "_Bool b = 1")]
    public void Preprocessor_BuiltinHeadersResolveWithoutIncludeDirectories(string header, string text, string expectedFragment)
    {
        var diagnostics = new DiagnosticBag();
        var resolver = new Interop.Generator.Frontend.IncludeResolver(_ => null, Array.Empty<string>());
        var unit = Interop.Generator.Frontend.Preprocessor.Run(new Interop.Generator.Frontend.SourceFile("/src/t.h", text), resolver, Interop.Generator.Model.Target.X64Linux.PredefinedMacros, diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Contains("<builtin>/" + header, unit.Files);
        Assert.Contains(expectedFragment, string.Join(" ", unit.Tokens.Select(t => t.Text)));
    }

    [Fact]
    public void Preprocessor_ProjectHeaderShadowsBuiltinHeader()
    {
        var (text, _) = TestHeaders.Preprocess("#include <stdbool.h>\n", ("/inc/stdbool.h", "mine\n"));
        Assert.Equal("mine", text);
    }

    [Fact]
    public void Preprocessor_ErrorDirectiveIsInterop1004WithMessage()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#if 1\n#error bad thing   here\n#endif\n");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1004", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("#error bad thing here", diagnostic.Message);
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 2, 2), diagnostic.Location); // as clang-14
    }

    [Fact]
    public void Preprocessor_WarningDirectiveIsInterop1005()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#warning careful\nint x;");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1005", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("#warning careful", diagnostic.Message);
        Assert.Equal("int x ;", text);
    }

    [Fact]
    public void Preprocessor_UnknownDirectiveIsInterop1007Warning()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("#frobnicate now\n");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1007", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void Preprocessor_IgnoresNullDirectiveLineMarkersAndIdent()
    {
        var (text, diagnostics) = TestHeaders.Preprocess("#\n# 12 \"foo.c\"\n#line 40\n#ident \"x\"\n#pragma GCC diagnostic push\nok");
        Assert.Empty(diagnostics);
        Assert.Equal("ok", text);
    }

    [Fact]
    public void Preprocessor_HashInsideLineIsNotDirective()
    {
        Assert.Equal("a # define b", PreprocessorMacroTests.Expand("a # define b"));
    }

    [Fact]
    public void Preprocessor_LiveUnterminatedStringIsInterop1001()
    {
        var (_, diagnostics) = TestHeaders.Preprocess("int x;\nconst char* s = \"oops;\n");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1001", diagnostic.Id);
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 2, 17), diagnostic.Location);
    }

    [Fact]
    public void Preprocessor_RecordsEveryFileReadMainFirst()
    {
        var diagnostics = new DiagnosticBag();
        var files = new Dictionary<string, string> { ["/src/a.h"] = "#include \"b.h\"\n#include <stdint.h>\n", ["/src/b.h"] = "" };
        var resolver = new Interop.Generator.Frontend.IncludeResolver(p => files.TryGetValue(p, out var t) ? t : null, Array.Empty<string>());
        var unit = Interop.Generator.Frontend.Preprocessor.Run(new Interop.Generator.Frontend.SourceFile("/src/a.h", files["/src/a.h"]), resolver, Array.Empty<KeyValuePair<string, string>>(), diagnostics);
        Assert.Equal(new[] { "/src/a.h", "/src/b.h", "<builtin>/stdint.h" }, unit.Files);
    }
}
