using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Interop.Generator.Tests.Generator;

/// <summary>
/// Runs <see cref="BindingsGenerator"/> the way the compiler does: headers as AdditionalFiles with MSBuild
/// metadata in analyzer config options, and optionally the SDK's own LibraryImport generator after it.
/// </summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Interop.Runtime.Mocking.AmbientOverride<>).Assembly.Location))
            .ToImmutableArray());

    private static readonly Lazy<ISourceGenerator> LibraryImportGenerator = new(LoadLibraryImportGenerator);

    public static readonly CSharpParseOptions CSharpOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Bindings.Test",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, CSharpOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver with step tracking on, over the given header items.</summary>
    public static GeneratorDriver Driver(IEnumerable<HeaderItem> items, bool withLibraryImport = false, IReadOnlyDictionary<string, string>? globalProperties = null, BindingsGenerator? generator = null) =>
        Driver(items, out _, withLibraryImport, globalProperties, generator);

    /// <summary>As above, also handing out the AdditionalText objects so a test can replace one.</summary>
    /// <param name="generator">The generator to run; the default one uses the compiler's pre-compilation phase.</param>
    public static GeneratorDriver Driver(IEnumerable<HeaderItem> items, out IReadOnlyList<AdditionalText> texts, bool withLibraryImport = false, IReadOnlyDictionary<string, string>? globalProperties = null, BindingsGenerator? generator = null)
    {
        var list = items.ToList();
        texts = list.Select(i => (AdditionalText)new InMemoryAdditionalText(i.Path, i.Text)).ToList();
        var generators = new List<ISourceGenerator> { (generator ?? new BindingsGenerator()).AsSourceGenerator() };
        if (withLibraryImport)
        {
            generators.Add(LibraryImportGenerator.Value);
        }

        return CSharpGeneratorDriver.Create(
            generators,
            texts,
            CSharpOptions,
            new ItemOptionsProvider(list, globalProperties ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static HeaderItem Header(string path, string text, string library = "test", string ns = "Test.Native", string className = "TestLib") =>
        new(path, text, new Dictionary<string, string>
        {
            ["InteropKind"] = "NativeHeader",
            ["InteropLibrary"] = library,
            ["InteropNamespace"] = ns,
            ["InteropClass"] = className,
        });

    public static HeaderItem Include(string path, string text) =>
        new(path, text, new Dictionary<string, string> { ["InteropKind"] = "NativeInclude" });

    private static ISourceGenerator LoadLibraryImportGenerator()
    {
        // The SDK ships it inside the targeting pack; use the newest one next to the running runtime.
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var pack = Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"))
            .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
            .Last();
        var path = Path.Combine(pack, "analyzers", "dotnet", "cs", "Microsoft.Interop.LibraryImportGenerator.dll");
        var reference = new AnalyzerFileReference(path, new DirectoryAssemblyLoader());
        return reference.GetGenerators(LanguageNames.CSharp).Single(g => g.GetGeneratorType().Name == "LibraryImportGenerator");
    }

    public sealed record HeaderItem(string Path, string Text, IReadOnlyDictionary<string, string> Metadata);

    public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class ItemOptionsProvider(IReadOnlyList<HeaderItem> items, IReadOnlyDictionary<string, string> globalProperties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(
            globalProperties.Select(p => ("build_property." + p.Key, p.Value)).Append(("build_property.RootNamespace", "Fallback.Root"))
                .Append(("build_property.InteropEnabled", "true")) // set by Interop.props
                .GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        {
            var item = items.FirstOrDefault(i => i.Path == textFile.Path);
            var options = item?.Metadata.ToDictionary(p => "build_metadata.AdditionalFiles." + p.Key, p => p.Value) ?? new Dictionary<string, string>();
            return new Options(options);
        }
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }

    private sealed class DirectoryAssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
