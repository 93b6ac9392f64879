namespace Interop.Build.Tests.Consumers;

/// <summary>
/// How a consumer receives the generator and its build files: in-repository style (imports by path and a
/// ProjectReference as an analyzer) here; a package feed can be another instance with a PackageReference.
/// </summary>
/// <param name="Name">Shown in test names.</param>
/// <param name="Head">Goes first in the project (props imports).</param>
/// <param name="Items">Goes into an ItemGroup (the reference that brings the generator).</param>
/// <param name="Tail">Goes last in the project (targets imports).</param>
internal sealed record GeneratorSource(string Name, string Head, string Items, string Tail)
{
    /// <summary>The primary build: LibraryImport declarations in the pre-compilation phase (Roslyn 5.9).</summary>
    public static GeneratorSource Primary { get; } = InRepository("Interop.Generator");

    /// <summary>The fallback build for compilers without that phase: DllImport forwarders (Roslyn 4.14).</summary>
    public static GeneratorSource Fallback { get; } = InRepository("Interop.Generator.Roslyn4.14");

    private static GeneratorSource InRepository(string project)
    {
        var build = $"{Dotnet.Root}/generator/Interop.Generator/build";
        return new(
            project,
            $"<Import Project=\"{build}/Interop.props\" />",
            $"<ProjectReference Include=\"{Dotnet.Root}/generator/{project}/{project}.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />",
            $"<Import Project=\"{build}/Interop.targets\" />");
    }

    public override string ToString() => Name;
}
