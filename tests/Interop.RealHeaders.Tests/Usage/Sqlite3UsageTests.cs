namespace Interop.RealHeaders.Tests.Usage;

/// <summary>What the sqlite3 driver does through the generated bindings.</summary>
public interface ISqlite3Usage
{
    string LibraryVersion { get; }

    /// <summary>
    /// Opens an in-memory database, runs <paramref name="statements"/> with <c>sqlite3_exec</c>, then
    /// <paramref name="query"/> with a C# <c>[UnmanagedCallersOnly]</c> row callback; returns the rows, one string per column.
    /// </summary>
    IReadOnlyList<string?[]> Query(string statements, string query);

    /// <summary>The error message <c>sqlite3_exec</c> reports for <paramref name="sql"/> (freed with <c>sqlite3_free</c>), or null.</summary>
    string? ExecError(string sql);

    /// <summary>
    /// The friendly API end to end: <c>sqlite3_open</c> with a string and an <c>out sqlite3Handle</c>,
    /// <c>sqlite3_prepare_v2</c> giving an <c>out sqlite3_stmtHandle</c>, both disposed by <c>using</c>.
    /// </summary>
    (int OpenResult, int Answer, string Tail, bool StatementClosed, bool DatabaseClosed) HandleLifecycle();

    /// <summary>
    /// <paramref name="query"/> through the delegate overload of <c>sqlite3_exec</c>: a lambda capturing a local list
    /// collects the rows (the user data pointer is the generated closure's).
    /// </summary>
    IReadOnlyList<string?[]> QueryWithLambda(string statements, string query);

    /// <summary>A lambda that throws on row <paramref name="row"/>: the exception's message, and the rows the lambda saw.</summary>
    (string Message, int RowsSeen) ThrowFromLambda(int row);

    /// <summary><c>sqlite3_libversion_string()</c> and the header's <c>SQLITE_VERSION</c>.</summary>
    (string? Returned, string Macro) VersionStrings();

    /// <summary>
    /// Binds <paramref name="text"/> from a native buffer with <c>sqlite3_bind_text(..., SQLITE_TRANSIENT)</c> (or
    /// <c>SQLITE_STATIC</c>), overwrites the buffer right after the bind (and frees it, for TRANSIENT), then inserts
    /// and selects the row back: the text stored.
    /// </summary>
    string BindFromOverwrittenBuffer(string text, bool transient);

    /// <summary>The facade's <c>sqlite3_bind_text</c> takes the destructor as <c>nint</c>: the text stored through it with SQLITE_TRANSIENT.</summary>
    string BindThroughTheFacade(string text);
}

/// <summary>sqlite3 through the generated bindings: an in-memory database driven by <c>sqlite3_exec</c> and a C# callback.</summary>
public sealed class Sqlite3UsageTests
{
    private readonly ISqlite3Usage _sqlite = UsageAssembly.Driver<ISqlite3Usage>("sqlite3");

    [Fact]
    public void Create_insert_and_select_through_sqlite3_exec_with_a_CSharp_callback()
    {
        var rows = _sqlite.Query(
            """
            CREATE TABLE fruit(id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL);
            INSERT INTO fruit(name, price) VALUES ('apple', 1.25), ('pear', 0.5), ('kiwi', NULL);
            """,
            "SELECT id, name, price FROM fruit ORDER BY id");

        Assert.Equal(
            [["1", "apple", "1.25"], ["2", "pear", "0.5"], ["3", "kiwi", null]],
            rows);
    }

    [Fact]
    public void sqlite3_exec_WithACapturingLambda_CollectsTheRows()
    {
        var rows = _sqlite.QueryWithLambda(
            "CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 'one'), (2, NULL), (3, 'three');",
            "SELECT a, b FROM t ORDER BY a DESC");

        Assert.Equal([["3", "three"], ["2", null], ["1", "one"]], rows);
    }

    [Fact]
    public void AnExceptionThrownInTheLambda_ReachesTheCaller_AndLaterRowsDoNotCallIt()
    {
        var (message, seen) = _sqlite.ThrowFromLambda(row: 2);

        Assert.Equal("row 2 refused", message);
        Assert.Equal(2, seen);
    }

    [Fact]
    public void sqlite3_libversion_string_EqualsTheHeadersVersionMacro()
    {
        var (returned, macro) = _sqlite.VersionStrings();

        Assert.Equal(macro, returned);
    }

    [Fact]
    public void sqlite3_bind_text_with_SQLITE_TRANSIENT_copies_the_text_before_the_buffer_is_overwritten_and_freed() =>
        Assert.Equal("the original text", _sqlite.BindFromOverwrittenBuffer("the original text", transient: true));

    [Fact]
    public void With_SQLITE_STATIC_sqlite_reads_the_callers_buffer_so_the_overwrite_shows() =>
        Assert.Equal("XXXXXXXXXXXXXXXXX", _sqlite.BindFromOverwrittenBuffer("the original text", transient: false));

    [Fact]
    public void The_facade_takes_SQLITE_TRANSIENT_as_nint() =>
        Assert.Equal("through the facade", _sqlite.BindThroughTheFacade("through the facade"));

    [Fact]
    public void Errors_come_back_through_the_errmsg_out_parameter() =>
        Assert.Equal("no such table: missing", _sqlite.ExecError("SELECT * FROM missing"));

    [Fact]
    public void The_library_is_sqlite_3() => Assert.StartsWith("3.", _sqlite.LibraryVersion);

    [Fact]
    public void FriendlyOverloads_OpenPrepareAndDisposeThroughSafeHandles()
    {
        var (open, answer, tail, statementClosed, databaseClosed) = UsageAssembly.Driver<ISqlite3Usage>("sqlite3").HandleLifecycle();

        // sqlite3_prepare_v2 takes its SQL as a raw pointer (its tail points into it), so the tail can be read.
        Assert.Equal((0, 42, " select 2", true, true), (open, answer, tail, statementClosed, databaseClosed));
    }
}
