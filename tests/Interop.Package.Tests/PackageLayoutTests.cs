using System.IO.Compression;
using System.Xml.Linq;

namespace Interop.Package.Tests;

/// <summary>What each package holds, read from the .nupkg files of the pack.</summary>
public sealed class PackageLayoutTests
{
    [Fact]
    public async Task Interop_HoldsTheRuntime_TheGeneratorPerRoslyn_AndTheBuildFiles()
    {
        var feed = await PackageFeed.GetAsync();
        using var package = ZipFile.OpenRead(feed.PackagePath("Interop"));
        var entries = Entries(package);

        Assert.Subset(entries, new HashSet<string>
        {
            "README.md",
            "lib/net10.0/Interop.Runtime.dll",
            "lib/net10.0/Interop.Runtime.xml",
            "analyzers/dotnet/roslyn5.9/cs/Interop.Generator.dll",
            "build/Interop.props",
            "build/Interop.targets",
        });
        // The Roslyn 4.14 fallback build has its slot as soon as its project exists.
        if (File.Exists(Path.Combine(PackageFeed.RepositoryRoot, "generator", "Interop.Generator.Roslyn4.14", "Interop.Generator.Roslyn4.14.csproj")))
        {
            Assert.Contains("analyzers/dotnet/roslyn4.14/cs/Interop.Generator.dll", entries);
        }

        // Include discovery's MSBuild task sits where Interop.Includes.targets looks for it.
        if (File.Exists(Path.Combine(PackageFeed.RepositoryRoot, "generator", "Interop.Build.Tasks", "Interop.Build.Tasks.csproj")))
        {
            Assert.Contains("tasks/netstandard2.0/Interop.Build.Tasks.dll", entries);
        }

        // Each analyzer folder holds one build of the generator and nothing of Roslyn itself (the compiler brings it).
        var analyzers = entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).ToList();
        Assert.All(analyzers, e => Assert.Matches(@"^analyzers/dotnet/roslyn\d+\.\d+/cs/Interop\.Generator\.dll$", e));

        // Everything the build files import unconditionally is in build/ beside them.
        foreach (var buildFile in package.Entries.Where(e => e.FullName.StartsWith("build/", StringComparison.Ordinal)))
        {
            using var stream = buildFile.Open();
            var imports = XDocument.Load(stream).Descendants().Where(e => e.Name.LocalName == "Import")
                .Where(e => !((string?)e.Attribute("Condition") ?? "").Contains("Exists(", StringComparison.Ordinal))
                .Select(e => (string)e.Attribute("Project")!);
            foreach (var import in imports)
            {
                Assert.StartsWith("$(MSBuildThisFileDirectory)", import);
                Assert.Contains("build/" + import["$(MSBuildThisFileDirectory)".Length..], entries);
            }
        }

        var nuspec = Nuspec(package);
        Assert.Equal("Interop", Element(nuspec, "id"));
        Assert.Equal(feed.Version, Element(nuspec, "version"));
        Assert.Equal("README.md", Element(nuspec, "readme"));
        Assert.Equal(["CliWrap"], Dependencies(nuspec).Select(d => d.Id));
    }

    [Fact]
    public async Task Interop_RuntimeCarriesReadyToRunCode_ForTheMachineItWasPackedOn()
    {
        // A pool worker is a fresh process on every recycle: precompiled code spares each start its JIT (docs/pool.md).
        var feed = await PackageFeed.GetAsync();
        using var package = ZipFile.OpenRead(feed.PackagePath("Interop"));
        using var image = new MemoryStream();
        using (var entry = package.GetEntry("lib/net10.0/Interop.Runtime.dll")!.Open())
        {
            entry.CopyTo(image);
        }

        image.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(image);
        Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "Interop.Runtime.dll in the package has no ReadyToRun header");
        Assert.True(pe.HasMetadata); // still an IL assembly every platform can load
    }

    [Fact]
    public async Task InteropTesting_IsALibrary_DependingOnInteropOfTheSameVersion()
    {
        var feed = await PackageFeed.GetAsync();
        using var package = ZipFile.OpenRead(feed.PackagePath("Interop.Testing"));
        var entries = Entries(package);

        Assert.Contains("lib/net10.0/Interop.Testing.dll", entries);
        Assert.Contains("README.md", entries);
        var nuspec = Nuspec(package);
        Assert.Equal(feed.Version, Element(nuspec, "version"));
        Assert.Equal([("Interop", feed.Version)], Dependencies(nuspec).Select(d => (d.Id, d.Version)));
    }

    [Fact]
    public async Task InteropBindgen_IsAFrameworkDependentTool_NamedInteropBindgen()
    {
        var feed = await PackageFeed.GetAsync();
        using var package = ZipFile.OpenRead(feed.PackagePath("Interop.Bindgen"));
        var entries = Entries(package);

        Assert.Contains("tools/net10.0/any/interop-bindgen.dll", entries);
        Assert.Contains("tools/net10.0/any/interop-bindgen.runtimeconfig.json", entries);
        Assert.Contains("README.md", entries);
        // Framework-dependent: no native host, no runtime-specific assets, nothing in lib/.
        Assert.DoesNotContain(entries, e => e.StartsWith("runtimes/", StringComparison.Ordinal) || e.StartsWith("lib/", StringComparison.Ordinal));
        Assert.DoesNotContain("tools/net10.0/any/interop-bindgen", entries);

        using (var settings = package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open())
        {
            var command = XDocument.Load(settings).Descendants().Single(e => e.Name.LocalName == "Command");
            Assert.Equal("interop-bindgen", (string?)command.Attribute("Name"));
        }

        var nuspec = Nuspec(package);
        Assert.Equal(feed.Version, Element(nuspec, "version"));
        Assert.Equal("DotnetTool", (string?)nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name"));
    }

    [Theory]
    [InlineData("Interop", "Interop.Runtime.pdb")]
    [InlineData("Interop.Testing", "Interop.Testing.pdb")]
    [InlineData("Interop.Bindgen", "interop-bindgen.pdb")]
    public async Task EveryPackage_HasASymbolPackage(string id, string pdb)
    {
        var feed = await PackageFeed.GetAsync();
        using var symbols = ZipFile.OpenRead(feed.PackagePath(id, "snupkg"));

        Assert.Contains(symbols.Entries, e => e.Name == pdb);
    }

    private static HashSet<string> Entries(ZipArchive package) => package.Entries.Select(e => e.FullName).ToHashSet();

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string? Element(XDocument nuspec, string name) =>
        nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static IEnumerable<(string Id, string Version)> Dependencies(XDocument nuspec) =>
        nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!));
}
