using Interop.Runtime.Loading;

namespace Interop.Runtime.Tests.Loading;

public sealed class NativeLibraryNamesTests
{
    [Fact]
    public void LogicalName_TriesThePlatformsFileNames_LibPrefixFirstOnUnix()
    {
        string[] expected = OperatingSystem.IsWindows() ? ["interop_core.dll", "interop_core"]
            : OperatingSystem.IsMacOS() ? ["libinterop_core.dylib", "interop_core.dylib"]
            : ["libinterop_core.so", "interop_core.so"];
        Assert.Equal(expected, NativeLibraryNames.For("interop_core"));
    }

    [Theory]
    [InlineData("libz.so.1")]
    [InlineData("/usr/lib/libfoo.so")]
    [InlineData("sqlite3.dll")]
    public void FileNamesAndPaths_AreTakenAsGiven(string name)
    {
        Assert.Equal([name], NativeLibraryNames.For(name));
    }

    [Fact]
    public void PortableRuntimeIdentifier_NamesThisPlatform()
    {
        var expectedOs = OperatingSystem.IsWindows() ? "win-" : OperatingSystem.IsMacOS() ? "osx-" : "linux-";
        Assert.StartsWith(expectedOs, NativeLibraryNames.PortableRuntimeIdentifier);
    }
}
