using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Interop.RealHeaders.Tests.Roslyn;

/// <summary>
/// The SDK's own LibraryImport source generator, loaded from the targeting pack next to the running
/// runtime: the generated <c>[LibraryImport]</c> declarations only become callable once it has run.
/// </summary>
internal static class LibraryImportGenerator
{
    private static readonly Lazy<ISourceGenerator> Instance = new(Load);

    public static ISourceGenerator Value => Instance.Value;

    private static ISourceGenerator Load()
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var pack = Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"))
            .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
            .Last();
        var path = Path.Combine(pack, "analyzers", "dotnet", "cs", "Microsoft.Interop.LibraryImportGenerator.dll");
        var reference = new AnalyzerFileReference(path, new LoadFromAssemblyLoader());
        return reference.GetGenerators(LanguageNames.CSharp).Single(g => g.GetGeneratorType().Name == "LibraryImportGenerator");
    }

    private sealed class LoadFromAssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
