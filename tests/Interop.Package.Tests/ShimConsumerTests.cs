namespace Interop.Package.Tests;

/// <summary>
/// API mode from the package: a console app binds static inline functions (a header of its own, with a define
/// that the shim must see too, and glibc's &lt;byteswap.h&gt;) and macros (a statement expression of its own, glibc's
/// bswap_64 over a static inline function, and makedev/major/minor named in Shim), and the build writes, compiles
/// and ships the shims.
/// </summary>
public sealed class ShimConsumerTests
{
    [Fact]
    public async Task StaticInlineFunctions_AreCalledThroughTheShim_BuiltAndShippedByThePackage()
    {
        var workspace = await ConsumerWorkspace.CreateAsync("shim-app", "ShimApp", "native/vectors");

        var run = await workspace.DotnetSucceedsAsync("ShimApp", "run");

        var output = run.StandardOutput;
        Assert.Contains("vec2_dot=23", output);
        Assert.Contains("vec2_scale=20,30", output);
        Assert.Contains("vec2_add_into=6,8", output);
        Assert.Contains("vec2_cross=1", output); // bound only under the Defines, so the shim was compiled with them
        Assert.Contains("facade=64", output);
        Assert.Contains("__bswap_32=78563412", output);
        Assert.Contains("__bswap_16=3412", output);
        Assert.Contains("VEC_MAX_OF=9,7", output); // a statement expression, wrapped because only the C compiler expands it
        Assert.Contains("facade_max=5", output);
        Assert.Contains($"bswap_64={System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(0x0102030405060708ul):x16}", output);
        Assert.Contains($"makedev={GlibcMakedev(0x12345u, 0xABCDEu):x}", output);
        Assert.Contains("major=12345,minor=abcde", output);
        Assert.DoesNotContain("INTEROP1020", output);
        Assert.True(File.Exists(workspace.PathOf("ShimApp/bin/Debug/net10.0/libvectors_interop_shim.so")), "the shim is shipped beside the program");
        Assert.True(File.Exists(workspace.PathOf("ShimApp/bin/Debug/net10.0/libc_interop_shim.so")));
        Assert.True(File.Exists(workspace.PathOf("ShimApp/bin/Debug/net10.0/libgnu_dev_interop_shim.so")));
    }

    /// <summary>The dev_t layout glibc's &lt;bits/sysmacros.h&gt; defines: 12+20 bits of major, 8+24 of minor, interleaved.</summary>
    private static ulong GlibcMakedev(uint major, uint minor) =>
        ((ulong)(major & 0x00000FFFu) << 8) | ((ulong)(major & 0xFFFFF000u) << 32) | (minor & 0x000000FFu) | ((ulong)(minor & 0xFFFFFF00u) << 12);
}
