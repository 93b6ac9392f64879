// Compiled at test time together with the generated curl bindings (see UsageAssembly).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Interop.RealHeaders.Tests.Usage;
using RealHeaders.Curl;
using C = RealHeaders.Curl.Curl;

namespace Interop.RealHeaders.Tests.Usage.Drivers;

public sealed unsafe class CurlDriver : ICurlUsage
{
    public string Version => Marshal.PtrToStringUTF8((nint)C.curl_version())!;

    public (string Version, uint VersionNumber, string Host, IReadOnlyList<string> Protocols) VersionInfo
    {
        get
        {
            curl_version_info_data* info = C.curl_version_info((CURLversion)C.CURLVERSION_NOW);
            var protocols = new List<string>();
            for (var p = info->protocols; *p is not null; p++)
            {
                protocols.Add(Marshal.PtrToStringUTF8((nint)(*p))!);
            }

            return (Marshal.PtrToStringUTF8((nint)info->version)!, info->version_num, Marshal.PtrToStringUTF8((nint)info->host)!, protocols);
        }
    }

    public uint HeaderVersionNumber => (uint)C.LIBCURL_VERSION_NUM;

    public int VersionBitsOfHeaderVersion => C.CURL_VERSION_BITS(C.LIBCURL_VERSION_MAJOR, C.LIBCURL_VERSION_MINOR, C.LIBCURL_VERSION_PATCH);

    public int AtLeastVersion(int major, int minor, int patch) => C.CURL_AT_LEAST_VERSION(major, minor, patch);
}
