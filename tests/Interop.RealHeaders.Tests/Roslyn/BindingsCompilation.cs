using System.Collections.Immutable;
using Interop.Generator.Emit;
using Interop.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Interop.RealHeaders.Tests.Roslyn;

/// <summary>
/// The emitted bindings compiled in memory the way a user's project compiles them: C# latest, unsafe,
/// and the SDK's LibraryImport generator expanding every <c>[LibraryImport]</c> declaration.
/// </summary>
public sealed class BindingsCompilation
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Interop.Runtime.Mocking.AmbientOverride<>).Assembly.Location))
            .ToImmutableArray());

    private BindingsCompilation(CSharpCompilation compilation, ImmutableArray<Diagnostic> diagnostics)
    {
        Compilation = compilation;
        Diagnostics = diagnostics;
    }

    /// <summary>The compilation after the LibraryImport generator ran.</summary>
    public CSharpCompilation Compilation { get; }

    /// <summary>Compiler and generator diagnostics together.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <param name="model">The header's binding model.</param>
    /// <param name="assemblyName">The in-memory assembly's name.</param>
    /// <param name="mode">LibraryImport: expanded by the SDK's generator. DllImport: the fallback build's form, compiled with no generator.</param>
    public static BindingsCompilation Create(BindingModel model, string assemblyName, ImportMode mode = ImportMode.LibraryImport)
    {
        var trees = BindingsEmitter.Emit(model, mode)
            .Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, path: f.HintName));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            FrameworkReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        if (mode == ImportMode.DllImport)
        {
            return new BindingsCompilation(compilation, compilation.GetDiagnostics());
        }

        CSharpGeneratorDriver.Create([LibraryImportGenerator.Value], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var generatorDiagnostics);
        var all = generatorDiagnostics.AddRange(updated.GetDiagnostics());
        return new BindingsCompilation((CSharpCompilation)updated, all);
    }

    /// <summary>This compilation plus more sources (the usage drivers) and references, emitted to an assembly image.</summary>
    public byte[] EmitWith(IEnumerable<string> sourcePaths, IEnumerable<MetadataReference> references)
    {
        var extended = Compilation
            .AddSyntaxTrees(sourcePaths.Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), ParseOptions, path: p)))
            .AddReferences(references);
        using var image = new MemoryStream();
        var result = extended.Emit(image);
        if (!result.Success)
        {
            Assert.Fail("the usage driver does not compile against the bindings:\n" +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return image.ToArray();
    }
}
