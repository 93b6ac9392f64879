using System.Text.RegularExpressions;

namespace Interop.Package.Tests;

/// <summary>
/// Scenario (c): Interop.Testing and the generated facade in the test projects users write: xunit v2 (run by
/// VSTest) and xunit.v3, whose test project is an executable of its own (run by Microsoft.Testing.Platform).
/// </summary>
public sealed class XunitV2ConsumerTests
{
    [Fact]
    public async Task Moq_MocksTheFacade_UsePatchesItForOneScope_AndCrashIsolationWorks()
    {
        var workspace = await ConsumerWorkspace.CreateAsync("xunit-v2", "XunitV2", "native/faults");
        await workspace.DotnetSucceedsAsync("XunitV2", "build");

        var test = await workspace.DotnetSucceedsAsync("XunitV2", "test", "--no-build");

        Assert.Matches(new Regex(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+2,"), test.StandardOutput);
    }
}

public sealed class XunitV3ConsumerTests
{
    [Fact]
    public async Task CrashIsolatedTest_AndDeathTest_RunInAnXunitV3Executable()
    {
        var workspace = await ConsumerWorkspace.CreateAsync("xunit-v3", "XunitV3", "native/faults");
        await workspace.DotnetSucceedsAsync("XunitV3", "build");

        var test = await workspace.DotnetSucceedsAsync("XunitV3", "test", "--no-build");

        Assert.Matches(new Regex(@"succeeded:\s+4\b"), test.StandardOutput);
        Assert.Matches(new Regex(@"failed:\s+0\b"), test.StandardOutput);
    }
}
