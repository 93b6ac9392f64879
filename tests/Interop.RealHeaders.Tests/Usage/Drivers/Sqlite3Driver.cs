// Compiled at test time together with the generated sqlite3 bindings (see UsageAssembly).
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Interop.RealHeaders.Tests.Usage;
using RealHeaders.Sqlite3;
using S = RealHeaders.Sqlite3.Sqlite3;

namespace Interop.RealHeaders.Tests.Usage.Drivers;

public sealed unsafe class Sqlite3Driver : ISqlite3Usage
{
    public (int OpenResult, int Answer, string Tail, bool StatementClosed, bool DatabaseClosed) HandleLifecycle()
    {
        var open = S.sqlite3_open(":memory:", out sqlite3Handle db);
        sqlite3_stmtHandle statement;
        int answer;
        string tailText;
        using (db)
        {
            S.sqlite3_exec(db, "create table t(x); insert into t values (42);", null, null, out sbyte* error);
            // The SQL stays alive (pinned, ours) after the call, so the tail pointing into it can be read.
            fixed (byte* sql = "select x from t; select 2\0"u8)
            {
                S.sqlite3_prepare_v2(db, (sbyte*)sql, -1, out statement, out sbyte* tail);
                tailText = Marshal.PtrToStringUTF8((nint)tail)!;
            }

            using (statement)
            {
                S.sqlite3_step(statement);
                answer = S.sqlite3_column_int(statement, 0);
            }
        }

        return (open, answer, tailText, statement.IsClosed, db.IsClosed);
    }

    public IReadOnlyList<string?[]> QueryWithLambda(string statements, string query)
    {
        Check(S.sqlite3_open(":memory:", out sqlite3Handle db), null, "sqlite3_open");
        using (db)
        {
            ExecChecked(db, statements, null);
            var rows = new List<string?[]>();
            ExecChecked(db, query, (columns, values, names) =>
            {
                var row = new string?[columns];
                for (var i = 0; i < columns; i++)
                {
                    row[i] = values[i] is null ? null : Marshal.PtrToStringUTF8((nint)values[i]);
                }

                rows.Add(row);
                return 0;
            });
            return rows;
        }
    }

    public (string Message, int RowsSeen) ThrowFromLambda(int row)
    {
        Check(S.sqlite3_open(":memory:", out sqlite3Handle db), null, "sqlite3_open");
        using (db)
        {
            ExecChecked(db, "CREATE TABLE t(a); INSERT INTO t VALUES (1), (2), (3), (4);", null);
            var seen = 0;
            try
            {
                ExecChecked(db, "SELECT a FROM t ORDER BY a", (columns, values, names) =>
                    ++seen == row ? throw new InvalidOperationException($"row {row} refused") : 0);
                return ("nothing thrown", seen);
            }
            catch (InvalidOperationException e)
            {
                return (e.Message, seen);
            }
        }
    }

    public string BindFromOverwrittenBuffer(string text, bool transient)
    {
        var db = Open();
        try
        {
            Exec(db, "CREATE TABLE t(x TEXT)", null, null);
            var statement = Prepare(db, "INSERT INTO t VALUES (?)");
            var utf8 = Utf8(text);
            var buffer = (byte*)NativeMemory.Alloc((nuint)utf8.Length);
            utf8.CopyTo(new Span<byte>(buffer, utf8.Length));
            // The pointer constants pass where sqlite3_bind_text takes its destructor, with no cast.
            Check(S.sqlite3_bind_text(statement, 1, (sbyte*)buffer, -1, transient ? S.SQLITE_TRANSIENT : S.SQLITE_STATIC), db, "sqlite3_bind_text");
            new Span<byte>(buffer, utf8.Length - 1).Fill((byte)'X');
            if (transient)
            {
                NativeMemory.Free(buffer);
            }

            Check(S.sqlite3_step(statement) == S.SQLITE_DONE ? S.SQLITE_OK : -1, db, "sqlite3_step");
            S.sqlite3_finalize(statement);
            if (!transient)
            {
                NativeMemory.Free(buffer);
            }

            return SelectText(db);
        }
        finally
        {
            S.sqlite3_close(db);
        }
    }

    public string BindThroughTheFacade(string text)
    {
        var db = Open();
        try
        {
            Exec(db, "CREATE TABLE t(x TEXT)", null, null);
            var statement = Prepare(db, "INSERT INTO t VALUES (?)");
            // The facade shows every pointer as nint, the constant's too: it converts explicitly, as any pointer does.
            Check(S.Current.sqlite3_bind_text((nint)statement, 1, text, -1, (nint)S.SQLITE_TRANSIENT), db, "sqlite3_bind_text");
            S.sqlite3_step(statement);
            S.sqlite3_finalize(statement);
            return SelectText(db);
        }
        finally
        {
            S.sqlite3_close(db);
        }
    }

    private static sqlite3_stmt* Prepare(sqlite3* db, string sql)
    {
        sqlite3_stmt* statement;
        fixed (byte* text = Utf8(sql))
        {
            Check(S.sqlite3_prepare_v2(db, (sbyte*)text, -1, &statement, null), db, "sqlite3_prepare_v2");
        }

        return statement;
    }

    private static string SelectText(sqlite3* db)
    {
        var select = Prepare(db, "SELECT x FROM t");
        try
        {
            Check(S.sqlite3_step(select) == S.SQLITE_ROW ? S.SQLITE_OK : -1, db, "sqlite3_step");
            return Marshal.PtrToStringUTF8((nint)S.sqlite3_column_text(select, 0))!;
        }
        finally
        {
            S.sqlite3_finalize(select);
        }
    }

    public (string? Returned, string Macro) VersionStrings() => (S.sqlite3_libversion_string(), S.SQLITE_VERSION);

    private static void ExecChecked(sqlite3Handle db, string sql, Sqlite3.sqlite3_exec_callback_delegate? callback)
    {
        var status = S.sqlite3_exec(db, sql, callback, out sbyte* error);
        var message = error is null ? "" : Marshal.PtrToStringUTF8((nint)error);
        S.sqlite3_free(error);
        if (status != S.SQLITE_OK)
        {
            throw new InvalidOperationException($"sqlite3_exec returned {status}: {message}");
        }
    }

    public string LibraryVersion => Marshal.PtrToStringUTF8((nint)S.sqlite3_libversion())!;

    public IReadOnlyList<string?[]> Query(string statements, string query)
    {
        var db = Open();
        try
        {
            Exec(db, statements, null, null);
            var rows = new List<string?[]>();
            var handle = GCHandle.Alloc(rows);
            try
            {
                Exec(db, query, &CollectRow, (void*)GCHandle.ToIntPtr(handle));
            }
            finally
            {
                handle.Free();
            }

            return rows;
        }
        finally
        {
            S.sqlite3_close(db);
        }
    }

    public string? ExecError(string sql)
    {
        var db = Open();
        try
        {
            sbyte* error = null;
            fixed (byte* text = Utf8(sql))
            {
                S.sqlite3_exec(db, (sbyte*)text, null, null, &error);
            }

            var message = error is null ? null : Marshal.PtrToStringUTF8((nint)error);
            S.sqlite3_free(error);
            return message;
        }
        finally
        {
            S.sqlite3_close(db);
        }
    }

    /// <summary>sqlite3_exec's row callback: (user data, column count, values, names); non-zero aborts.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CollectRow(void* state, int columns, sbyte** values, sbyte** names)
    {
        var rows = (List<string?[]>)GCHandle.FromIntPtr((nint)state).Target!;
        var row = new string?[columns];
        for (var i = 0; i < columns; i++)
        {
            row[i] = values[i] is null ? null : Marshal.PtrToStringUTF8((nint)values[i]);
        }

        rows.Add(row);
        return 0;
    }

    private static sqlite3* Open()
    {
        sqlite3* db;
        fixed (byte* name = Utf8(":memory:"))
        {
            Check(S.sqlite3_open((sbyte*)name, &db), null, "sqlite3_open");
        }

        return db;
    }

    private static void Exec(sqlite3* db, string sql, delegate* unmanaged[Cdecl]<void*, int, sbyte**, sbyte**, int> callback, void* state)
    {
        fixed (byte* text = Utf8(sql))
        {
            Check(S.sqlite3_exec(db, (sbyte*)text, callback, state, null), db, "sqlite3_exec");
        }
    }

    private static void Check(int status, sqlite3* db, string function)
    {
        if (status != S.SQLITE_OK)
        {
            var message = db is null ? "" : Marshal.PtrToStringUTF8((nint)S.sqlite3_errmsg(db));
            throw new InvalidOperationException($"{function} returned {status}: {message}");
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");
}
