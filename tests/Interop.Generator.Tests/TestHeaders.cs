using Interop.Generator;
using Interop.Generator.Diagnostics;
using Interop.Generator.Frontend;
using Interop.Generator.Model;
using Interop.Generator.Syntax;

namespace Interop.Generator.Tests;

/// <summary>Runs the front-end over in-memory headers, the way the generator does from AdditionalFiles.</summary>
internal static class TestHeaders
{
    public const string MainPath = "/src/test.h";

    /// <summary>Compiles <paramref name="text"/> as /src/test.h; extra files are visible to #include.</summary>
    public static HeaderResult Compile(string text, params (string Path, string Text)[] extraFiles) =>
        Compile(BindingRequest.Create(MainPath, "test", "Test.Native", "TestLib"), text, extraFiles);

    public static HeaderResult Compile(BindingRequest request, string text, params (string Path, string Text)[] extraFiles)
    {
        var files = extraFiles.ToDictionary(f => f.Path, f => f.Text);
        files[request.HeaderPath] = text;
        return HeaderCompiler.Compile(request, path => files.TryGetValue(path, out var t) ? t : null);
    }

    /// <summary>Preprocesses only, returning the expanded token texts joined by single spaces.</summary>
    public static (string Text, IReadOnlyList<DiagnosticInfo> Diagnostics) Preprocess(string text, params (string Path, string Text)[] extraFiles)
    {
        var files = extraFiles.ToDictionary(f => f.Path, f => f.Text);
        files[MainPath] = text;
        var diagnostics = new DiagnosticBag();
        var resolver = new IncludeResolver(path => files.TryGetValue(path, out var t) ? t : null, new[] { "/inc" });
        var unit = Preprocessor.Run(new SourceFile(MainPath, text), resolver, Target.X64Linux.PredefinedMacros, diagnostics);
        var joined = string.Join(" ", unit.Tokens.Where(t => t.Kind != TokenKind.EndOfFile).Select(t => t.Text));
        return (joined, diagnostics.Items);
    }

    /// <summary>Parses a header and returns the translation unit and the layout engine used for it.</summary>
    public static (TranslationUnit Unit, LayoutEngine Layout, IReadOnlyList<DiagnosticInfo> Diagnostics) Parse(string text)
    {
        var diagnostics = new DiagnosticBag();
        var resolver = new IncludeResolver(_ => null, Array.Empty<string>());
        var unit = Preprocessor.Run(new SourceFile(MainPath, text), resolver, Target.X64Linux.PredefinedMacros, diagnostics);
        var layout = new LayoutEngine(Target.X64Linux);
        var parser = new Parser(unit.Tokens, layout, diagnostics);
        return (parser.ParseTranslationUnit(), layout, diagnostics.Items);
    }

    public static string Errors(this HeaderResult result) =>
        string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
}
