using System.Runtime.InteropServices;
using Interop.Runtime.Loading;

namespace Interop.Runtime.Tests.Loading;

/// <summary>Loads the real C core the way bindings do, from where the Interop build put it.</summary>
public sealed class NativeLibraryProbeTests
{
    [Fact]
    public void CMakeBuild_PlacesTheLibraryInRuntimesRidNative()
    {
        var expected = Path.Combine(AppContext.BaseDirectory, "runtimes", NativeLibraryNames.PortableRuntimeIdentifier, "native", NativeLibraryNames.For("interop_core")[0]);
        Assert.True(File.Exists(expected), $"missing {expected}");
    }

    [Fact]
    public unsafe void Resolve_FindsTheCoreLibrary_AndItsExportsWork()
    {
        var handle = NativeLibraryProbe.Resolve("interop_core", typeof(NativeLibraryProbeTests).Assembly, null);

        Assert.NotEqual(IntPtr.Zero, handle);
        var myAdd = (delegate* unmanaged[Cdecl]<int, int, int>)NativeLibrary.GetExport(handle, "my_add");
        Assert.Equal(30, myAdd(10, 20));
    }

    [Fact]
    public void Resolve_ReturnsZeroForAnUnknownLibrary_SoTheDefaultSearchStillRuns()
    {
        Assert.Equal(IntPtr.Zero, NativeLibraryProbe.Resolve("no_such_library_anywhere", typeof(NativeLibraryProbeTests).Assembly, null));
    }

    [Fact]
    public void SearchDirectories_PutRuntimesRidNativeBeforeTheAssemblyFolder()
    {
        var directories = NativeLibraryProbe.SearchDirectories(typeof(NativeLibraryProbeTests).Assembly).ToList();
        var runtimes = directories.FindIndex(d => d.EndsWith(Path.Combine("runtimes", NativeLibraryNames.PortableRuntimeIdentifier, "native"), StringComparison.Ordinal));
        var home = directories.FindIndex(d => d == Path.GetDirectoryName(typeof(NativeLibraryProbeTests).Assembly.Location));

        Assert.True(runtimes >= 0 && home > runtimes, string.Join(", ", directories));
    }

    [Fact]
    public void Register_IsIdempotent()
    {
        var assembly = typeof(NativeLibraryProbe).Assembly;
        Assert.True(NativeLibraryProbe.Register(assembly));
        Assert.True(NativeLibraryProbe.Register(assembly));
    }
}
