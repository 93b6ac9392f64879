using System.Collections.Immutable;
using Interop.Generator;
using Interop.Generator.Emit;
using Interop.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GeneratorBench;

internal static class Corpus
{
    public const string Sqlite = "/usr/include/sqlite3.h";
}

/// <summary>
/// One header bound three ways: the core directly, a full generator driver run, and a driver re-run
/// after an edit to a C# file that the header does not depend on (must be served from the cache).
/// Files are read once up front, as the compiler hands them to the generator already in memory.
/// </summary>
internal sealed class Workload
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly BindingRequest _request;
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly List<AdditionalText> _texts = new();
    private readonly ItemOptionsProvider _options;
    private readonly CSharpCompilation _compilation;
    private GeneratorDriver? _primed;
    private int _edit;

    public Workload(string header, IReadOnlyList<string> includeDirectories)
    {
        header = Path.GetFullPath(header);
        _request = BindingRequest.Create(header, null, "Bench.Native", null, includeDirectories.Select(Path.GetFullPath));
        var metadata = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);

        void AddFile(string path, string kind)
        {
            if (_files.ContainsKey(path))
            {
                return;
            }

            var text = File.ReadAllText(path);
            _files[path] = text;
            _texts.Add(new InMemoryAdditionalText(path, text));
            var item = new Dictionary<string, string> { ["InteropKind"] = kind };
            if (kind == "NativeHeader")
            {
                item["InteropNamespace"] = "Bench.Native";
                if (includeDirectories.Count > 0)
                {
                    item["InteropIncludeDirectories"] = string.Join(";", includeDirectories.Select(Path.GetFullPath));
                }
            }

            metadata[path] = item;
        }

        // The header, plus exactly the files it includes: found by one recording run through the core.
        AddFile(header, "NativeHeader");
        var included = new List<string>();
        HeaderCompiler.Compile(_request, path =>
        {
            if (!File.Exists(path))
            {
                return null;
            }

            included.Add(path);
            return File.ReadAllText(path);
        });
        foreach (var path in included)
        {
            AddFile(path, "NativeInclude");
        }

        _options = new ItemOptionsProvider(metadata);
        _compilation = CSharpCompilation.Create(
            "Bench",
            new[] { CSharpSyntaxTree.ParseText("namespace User { public static class Code { public static int Value => 0; } }", ParseOptions, path: "User.cs") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
    }

    public int AdditionalFileCount => _texts.Count;

    private string? Read(string path) => _files.TryGetValue(path, out var text) ? text : null;

    /// <summary>(a) <see cref="HeaderCompiler.Compile"/> + <see cref="BindingsEmitter.Emit"/>.</summary>
    public object CompileAndEmit()
    {
        var result = HeaderCompiler.Compile(_request, Read);
        if (result.Model is null)
        {
            throw new InvalidOperationException("no model: " + string.Join("\n", result.Diagnostics.Take(5)));
        }

        return BindingsEmitter.Emit(result.Model);
    }

    /// <summary>(b) A new driver over the same inputs: every step runs (the JIT is warm, the driver's caches are not).</summary>
    public object RunFreshDriver()
    {
        var driver = NewDriver().RunGenerators(_compilation);
        var run = driver.GetRunResult();
        if (run.GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException("the generator produced nothing: " + string.Join("\n", run.Diagnostics.Take(5)));
        }

        return run;
    }

    public void PrimeDriver() => _primed = NewDriver().RunGenerators(_compilation);

    /// <summary>(c) The primed driver re-run on a compilation whose only change is an unrelated C# edit.</summary>
    public object RunAfterUnrelatedEdit()
    {
        var tree = _compilation.SyntaxTrees[0];
        var edited = _compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From($"namespace User {{ public static class Code {{ public static int Value => {++_edit}; }} }}")));
        _primed = _primed!.RunGenerators(edited);
        return _primed;
    }

    /// <summary>Whether the last re-run served the compile step from the cache (no step ran anew).</summary>
    public string CompileStepReasons()
    {
        var result = _primed!.GetRunResult().Results[0];
        return result.TrackedSteps.TryGetValue(BindingsGenerator.CompileStep, out var steps)
            ? string.Join(",", steps.SelectMany(s => s.Outputs).Select(o => o.Reason))
            : "(not tracked)";
    }

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        new[] { new BindingsGenerator().AsSourceGenerator() },
        _texts,
        ParseOptions,
        _options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class ItemOptionsProvider(Dictionary<string, Dictionary<string, string>> items) : AnalyzerConfigOptionsProvider
    {
        private static readonly Options None = new(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Bench.Root", ["build_property.InteropEnabled"] = "true" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            items.TryGetValue(textFile.Path, out var item)
                ? new Options(item.ToDictionary(p => "build_metadata.AdditionalFiles." + p.Key, p => p.Value))
                : None;
    }

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
