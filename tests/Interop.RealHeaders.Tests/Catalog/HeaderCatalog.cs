namespace Interop.RealHeaders.Tests.Catalog;

/// <summary>The headers under test, as Debian 12 (bookworm, x86_64) installs them.</summary>
public static class HeaderCatalog
{
    private const string MultiarchInclude = "/usr/include/x86_64-linux-gnu/";
    private const string MultiarchLib = "/usr/lib/x86_64-linux-gnu/";
    private const string Llvm = "/usr/lib/llvm-14/";

    private static readonly IReadOnlyDictionary<string, string> NoneUnexported = new Dictionary<string, string>();

    public static readonly RealHeader Zlib = new(
        "zlib", "zlib1g-dev", "/usr/include/zlib.h", "zlib.h",
        IncludeDirectories: [],
        OwnFiles: ["/usr/include/zlib.h", "/usr/include/zconf.h"],
        LibraryName: "z", SharedLibraryPath: MultiarchLib + "libz.so.1", ClassName: "Zlib",
        NoneUnexported);

    public static readonly RealHeader Sqlite3 = new(
        "sqlite3", "libsqlite3-dev", "/usr/include/sqlite3.h", "sqlite3.h",
        IncludeDirectories: [],
        OwnFiles: ["/usr/include/sqlite3.h"],
        LibraryName: "sqlite3", SharedLibraryPath: MultiarchLib + "libsqlite3.so.0", ClassName: "Sqlite3",
        UnexportedFunctions: new Dictionary<string, string>
        {
            // sqlite3.h declares these unconditionally; Debian's build leaves them out.
            ["sqlite3_win32_set_directory"] = "Windows only",
            ["sqlite3_win32_set_directory8"] = "Windows only",
            ["sqlite3_win32_set_directory16"] = "Windows only",
            ["sqlite3_mutex_held"] = "debug builds only (compiled out by NDEBUG)",
            ["sqlite3_mutex_notheld"] = "debug builds only (compiled out by NDEBUG)",
            ["sqlite3_stmt_scanstatus"] = "needs SQLITE_ENABLE_STMT_SCANSTATUS at build time",
            ["sqlite3_stmt_scanstatus_reset"] = "needs SQLITE_ENABLE_STMT_SCANSTATUS at build time",
            ["sqlite3_snapshot_get"] = "needs SQLITE_ENABLE_SNAPSHOT at build time",
            ["sqlite3_snapshot_open"] = "needs SQLITE_ENABLE_SNAPSHOT at build time",
            ["sqlite3_snapshot_free"] = "needs SQLITE_ENABLE_SNAPSHOT at build time",
            ["sqlite3_snapshot_cmp"] = "needs SQLITE_ENABLE_SNAPSHOT at build time",
            ["sqlite3_snapshot_recover"] = "needs SQLITE_ENABLE_SNAPSHOT at build time",
        });

    // curl's own includes are all quoted ("curlver.h", "system.h", ...), so it needs no include
    // directory; passing the multiarch directory would shadow our builtin sys/socket.h with glibc's.
    public static readonly RealHeader Curl = new(
        "curl", "libcurl4-openssl-dev", MultiarchInclude + "curl/curl.h", "curl/curl.h",
        IncludeDirectories: [],
        OwnFiles: [MultiarchInclude + "curl/"],
        LibraryName: "curl", SharedLibraryPath: MultiarchLib + "libcurl.so.4", ClassName: "Curl",
        NoneUnexported);

    // Index.h includes its siblings as "clang-c/X.h", resolved through the llvm include directory.
    public static readonly RealHeader Clang = new(
        "libclang", "libclang-14-dev", Llvm + "include/clang-c/Index.h", "clang-c/Index.h",
        IncludeDirectories: [Llvm + "include"],
        OwnFiles: [Llvm + "include/clang-c/"],
        LibraryName: "clang", SharedLibraryPath: MultiarchLib + "libclang-14.so.1", ClassName: "LibClang",
        NoneUnexported);

    public static readonly RealHeader Zstd = new(
        "zstd", "libzstd-dev", "/usr/include/zstd.h", "zstd.h",
        IncludeDirectories: [],
        OwnFiles: ["/usr/include/zstd.h"],
        LibraryName: "zstd", SharedLibraryPath: MultiarchLib + "libzstd.so.1", ClassName: "Zstd",
        NoneUnexported);

    public static readonly RealHeader Expat = new(
        "expat", "libexpat1-dev", "/usr/include/expat.h", "expat.h",
        IncludeDirectories: [],
        OwnFiles: ["/usr/include/expat.h", "/usr/include/expat_external.h"],
        LibraryName: "expat", SharedLibraryPath: MultiarchLib + "libexpat.so.1", ClassName: "Expat",
        NoneUnexported);

    public static IReadOnlyList<RealHeader> All { get; } = [Zlib, Sqlite3, Curl, Clang, Zstd, Expat];

    /// <summary>Header ids as theory data: plain strings, so every header is its own test case in the runner.</summary>
    public static TheoryData<string> Ids { get; } = new(All.Select(h => h.Id));

    public static RealHeader Get(string id) => All.Single(h => h.Id == id);
}
