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

    /// <summary>The bound <c>CURL_VERSION_BITS</c> macro over the header's major, minor and patch numbers.</summary>
    int VersionBitsOfHeaderVersion { get; }

    /// <summary>The bound <c>CURL_AT_LEAST_VERSION</c> macro (a comparison: C's int 1 or 0).</summary>
    int AtLeastVersion(int major, int minor, int patch);
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

    [Fact]
    public void The_CURL_VERSION_BITS_macro_computes_curls_own_version_number()
    {
        Assert.Equal((int)_curl.HeaderVersionNumber, _curl.VersionBitsOfHeaderVersion);
        Assert.Equal(_curl.VersionInfo.VersionNumber, (uint)_curl.VersionBitsOfHeaderVersion);
    }

    [Fact]
    public void The_CURL_AT_LEAST_VERSION_macro_yields_Cs_int_truth_values()
    {
        Assert.Equal(1, _curl.AtLeastVersion(7, 0, 0));
        Assert.Equal(0, _curl.AtLeastVersion(99, 0, 0));
    }
}
