using System.IO.Compression;
using System.Text;
using Interop.Generator.Emit;

namespace Interop.RealHeaders.Tests.Usage;

/// <summary>
/// The same usage drivers over the bindings in the Roslyn 4.14 build's DllImport form: strings, out
/// parameters, callbacks and SafeHandles marshalled by hand reach the real sqlite3 and zlib.
/// </summary>
public sealed class FallbackUsageTests
{
    [Fact]
    public void Sqlite3_ExecQueryAndErrors_ThroughTheDllImportForm()
    {
        var sqlite = UsageAssembly.Driver<ISqlite3Usage>("sqlite3", ImportMode.DllImport);

        var rows = sqlite.Query("CREATE TABLE t(id INTEGER, name TEXT); INSERT INTO t VALUES (1, 'héllo'), (2, NULL);", "SELECT id, name FROM t ORDER BY id");

        Assert.Equal([["1", "héllo"], ["2", null]], rows);
        Assert.Equal("no such table: missing", sqlite.ExecError("SELECT * FROM missing"));
        Assert.StartsWith("3.", sqlite.LibraryVersion);
    }

    [Fact]
    public void Sqlite3_OpenPrepareAndDispose_ThroughHandMarshalledSafeHandles()
    {
        var (open, answer, tail, statementClosed, databaseClosed) = UsageAssembly.Driver<ISqlite3Usage>("sqlite3", ImportMode.DllImport).HandleLifecycle();

        Assert.Equal((0, 42, " select 2", true, true), (open, answer, tail, statementClosed, databaseClosed));
    }

    [Fact]
    public void Zlib_CompressesWhatZLibStreamReads_ThroughTheDllImportForm()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i}: the quick brown fox\n")));
        var zlib = UsageAssembly.Driver<IZlibUsage>("zlib", ImportMode.DllImport);

        using var reader = new ZLibStream(new MemoryStream(zlib.Compress(text, level: 6)), CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);

        Assert.Equal(text, output.ToArray());
        Assert.Equal(text, zlib.Uncompress(zlib.Compress(text, level: 9), text.Length));
    }
}
