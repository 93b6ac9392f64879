using Interop.Build.Tasks;
using Interop.Generator;
using Interop.Generator.Diagnostics;
using Interop.Generator.Model;
using Interop.RealHeaders.Tests.Clang;

namespace Interop.RealHeaders.Tests.SystemHeaders;

/// <summary>
/// Popular Debian library headers bind as <c>clang -fsyntax-only</c> accepts them: with no include directory but
/// the ones pkg-config would give, the system's found by asking the C compiler. Before the system directories were
/// searched, png, ffi, readline, ncurses, openssl and gcrypt failed with "'setjmp.h' file not found" and the like.
/// </summary>
public sealed class DebianHeadersTests
{
    /// <summary>id, header, Debian package, include directory (pkg-config --cflags) or empty.</summary>
    public static TheoryData<string, string, string, string> Headers { get; } = new()
    {
        { "zlib", "/usr/include/zlib.h", "zlib1g-dev", "" },
        { "sqlite3", "/usr/include/sqlite3.h", "libsqlite3-dev", "" },
        { "curl", "/usr/include/x86_64-linux-gnu/curl/curl.h", "libcurl4-openssl-dev", "" },
        { "libclang", "/usr/lib/llvm-14/include/clang-c/Index.h", "libclang-14-dev", "/usr/lib/llvm-14/include" },
        { "zstd", "/usr/include/zstd.h", "libzstd-dev", "" },
        { "expat", "/usr/include/expat.h", "libexpat1-dev", "" },
        { "bzip2", "/usr/include/bzlib.h", "libbz2-dev", "" },
        { "lzma", "/usr/include/lzma.h", "liblzma-dev", "" },
        { "png", "/usr/include/png.h", "libpng-dev", "" },
        { "yaml", "/usr/include/yaml.h", "libyaml-dev", "" },
        { "magic", "/usr/include/magic.h", "libmagic-dev", "" },
        { "ffi", "/usr/include/x86_64-linux-gnu/ffi.h", "libffi-dev", "" },
        { "gmp", "/usr/include/x86_64-linux-gnu/gmp.h", "libgmp-dev", "" },
        { "uuid", "/usr/include/uuid/uuid.h", "uuid-dev", "" },
        { "readline", "/usr/include/readline/readline.h", "libreadline-dev", "" },
        { "ncurses", "/usr/include/ncurses.h", "libncurses-dev", "" },
        { "openssl", "/usr/include/openssl/ssl.h", "libssl-dev", "" },
        { "gcrypt", "/usr/include/gcrypt.h", "libgcrypt20-dev", "" },
        { "libxml2", "/usr/include/libxml2/libxml/parser.h", "libxml2-dev", "/usr/include/libxml2" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task TheHeader_BindsWithTheDiscoveredSystemIncludes_AsClangAcceptsIt(string id, string header, string package, string includeDirectory)
    {
        Assert.True(File.Exists(header), $"{header} is missing: install the Debian package '{package}' (apt-get install {package}).");
        Clang14.RequireInstalled();
        var includes = includeDirectory.Length == 0 ? Array.Empty<string>() : [includeDirectory];
        var clang = await Clang14.RunAsync(["-fsyntax-only", .. Clang14.IncludeArguments(includes), header], Path.GetTempPath());
        Assert.True(clang.ExitCode == 0, $"clang itself rejects {header}: {clang.StandardError}");

        var request = BindingRequest.Create(header, id, "Debian." + id.Replace("lib", "Lib"), null, includes,
            systemIncludeDirectories: CompilerSearchPath.Find(null, "x86_64-linux-gnu").Directories);
        var result = HeaderCompiler.Compile(request, path => File.Exists(path) ? File.ReadAllText(path) : null);

        Assert.Empty(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        Assert.NotEmpty(result.Model!.Functions);
    }

    [Fact]
    public void WithoutSystemIncludes_AHeaderNeedingGlibc_IsOneMissingIncludeError()
    {
        var result = HeaderCompiler.Compile(BindingRequest.Create("/usr/include/png.h", "png16", "Debian.Png", null),
            path => File.Exists(path) ? File.ReadAllText(path) : null);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("INTEROP1002", error.Id);
        Assert.Contains("'setjmp.h' file not found", error.Message);
        Assert.Null(result.Model);
    }

    [Fact]
    public void ZlibWithoutZconf_IsOneLocatedFatalError_NotHundredsOfFollowOnErrors()
    {
        Assert.True(File.Exists("/usr/include/zlib.h"), "install zlib1g-dev");
        var directory = Directory.CreateTempSubdirectory("zlib-alone-").FullName;
        try
        {
            var header = Path.Combine(directory, "zlib.h");
            File.Copy("/usr/include/zlib.h", header);

            var result = HeaderCompiler.Compile(BindingRequest.Create(header, "z", "Debian.Zlib", null), path => File.Exists(path) ? File.ReadAllText(path) : null);

            var error = Assert.Single(result.Diagnostics);
            Assert.Equal($"{header}:34:2: error INTEROP1002", error.ToString().Substring(0, error.ToString().IndexOf(": 'zconf.h'", StringComparison.Ordinal)));
            Assert.Null(result.Model);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
