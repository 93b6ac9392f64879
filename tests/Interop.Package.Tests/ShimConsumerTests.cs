namespace Interop.Package.Tests;

/// <summary>
/// API mode from the package: a console app binds static inline functions (a header of its own, with a define
/// that the shim must see too, and glibc's &lt;byteswap.h&gt;), and the build writes, compiles and ships the shims.
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
        Assert.DoesNotContain("INTEROP1020", output);
        Assert.True(File.Exists(workspace.PathOf("ShimApp/bin/Debug/net10.0/libvectors_interop_shim.so")), "the shim is shipped beside the program");
        Assert.True(File.Exists(workspace.PathOf("ShimApp/bin/Debug/net10.0/libc_interop_shim.so")));
    }
}
