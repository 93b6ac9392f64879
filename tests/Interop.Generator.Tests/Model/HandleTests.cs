using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

/// <summary>Create/destroy pairs become SafeHandle types; what is only borrowed or only looks disposable does not.</summary>
public sealed class HandleTests
{
    private const string Header = """
        typedef struct db db;
        typedef struct stmt stmt;
        typedef struct point { int x, y; } point;
        int db_open(const char* path, db** out);
        db* db_new(void);
        db* db_current(void);
        int db_close(db* d);
        int db_prepare(db* d, const char* sql, stmt** out);
        void stmt_finalize(stmt* s);
        void point_free(point* p);
        """;

    private static HeaderResult Bind(bool heuristics = true, params string[] handles) =>
        TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "t", "T", "T", handles: handles, handleHeuristics: heuristics), Header);

    [Fact]
    public void OpaqueTypesWithAReleaseFunction_GetHandles()
    {
        var model = Bind().Model!;

        Assert.Equal(["dbHandle=db_close", "stmtHandle=stmt_finalize"], model.Handles.Select(h => $"{h.Name}={h.ReleaseFunction}").Order());
    }

    [Fact]
    public void CreatorsReturnOrFillHandles_BorrowersDoNot()
    {
        var functions = Bind().Model!.Functions.ToDictionary(f => f.Name);

        Assert.Equal("dbHandle", functions["db_new"].ReturnHandle);
        Assert.Null(functions["db_current"].ReturnHandle); // borrowed: freeing it would be a double free
        Assert.Equal(ValueShape.OutHandle, functions["db_open"].Parameters[1].Shape);
        Assert.Equal(ValueShape.OutHandle, functions["db_prepare"].Parameters[2].Shape);
        Assert.Equal(ValueShape.Handle, functions["db_prepare"].Parameters[0].Shape);
        Assert.Equal(ValueShape.Raw, functions["db_close"].Parameters[0].Shape);
    }

    [Fact]
    public void CompleteStructs_NeedAnExplicitPair()
    {
        Assert.DoesNotContain(Bind().Model!.Handles, h => h.Name == "pointHandle");
        Assert.Contains(Bind(true, "point=point_free").Model!.Handles, h => h.Name == "pointHandle");
    }

    [Fact]
    public void HeuristicsOff_LeavesOnlyExplicitPairs()
    {
        Assert.Equal(["dbHandle"], Bind(false, "db=db_close").Model!.Handles.Select(h => h.Name));
    }

    [Fact]
    public void AnExplicitPairThatDoesNotFit_IsAnOptionError()
    {
        Assert.Contains(Bind(true, "db=stmt_finalize").Diagnostics, d => d.Id == "INTEROP1050" && d.Message.Contains("db=stmt_finalize"));
    }
}
