namespace Interop.RealHeaders.Tests.Usage;

/// <summary>What the curl driver does through the generated bindings.</summary>
public interface ICurlUsage
{
    /// <summary><c>curl_version()</c>.</summary>
    string Version { get; }

    /// <summary>Read from the <c>curl_version_info_data</c> struct <c>curl_version_info(CURLVERSION_NOW)</c> returns.</summary>
    (string Version, uint VersionNumber, string Host, IReadOnlyList<string> Protocols) VersionInfo { get; }

    /// <summary>The header's <c>LIBCURL_VERSION_NUM</c> as the bindings have it.</summary>
    uint HeaderVersionNumber { get; }
}

/// <summary>libcurl through the generated bindings: the version string and the version info struct.</summary>
public sealed class CurlUsageTests
{
    private readonly ICurlUsage _curl = UsageAssembly.Driver<ICurlUsage>("curl");

    [Fact]
    public void Curl_version_names_libcurl() => Assert.StartsWith("libcurl/", _curl.Version);

    [Fact]
    public void The_version_info_struct_reads_with_our_layout()
    {
        var info = _curl.VersionInfo;

        Assert.StartsWith($"libcurl/{info.Version} ", _curl.Version + " ");
        Assert.Equal(_curl.HeaderVersionNumber, info.VersionNumber);
        Assert.Contains("x86_64", info.Host);
        Assert.Contains("http", info.Protocols);
    }
}
