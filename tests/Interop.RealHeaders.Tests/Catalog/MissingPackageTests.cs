using Xunit.Sdk;

namespace Interop.RealHeaders.Tests.Catalog;

/// <summary>A machine without a header's package fails the header's tests with the package's name; nothing is skipped.</summary>
public sealed class MissingPackageTests
{
    [Fact]
    public void A_missing_header_fails_naming_its_Debian_package()
    {
        var absent = HeaderCatalog.Zlib with { HeaderPath = "/nonexistent/zlib.h", DebianPackage = "zlib1g-dev" };

        var failure = Assert.Throws<FailException>(absent.RequireInstalled);

        Assert.Contains("apt-get install zlib1g-dev", failure.Message);
    }
}
