using System.Text;
using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Frontend;

/// <summary>Front-end gaps that system headers hit, each pinned by the smallest header that shows it.</summary>
public sealed class SystemHeaderGapTests
{
    [Fact]
    public void PragmaOperator_WhoseOperandComesFromAMacro_IsHonoured()
    {
        // GLib: #define _GLIB_GNUC_DO_PRAGMA(x) _Pragma(G_STRINGIFY (x)), and G_GNUC_BEGIN_IGNORE_DEPRECATIONS.
        var result = TestHeaders.Compile("""
            #define G_STRINGIFY_ARG(x) #x
            #define G_STRINGIFY(x) G_STRINGIFY_ARG(x)
            #define DO_PRAGMA(x) _Pragma(G_STRINGIFY (x))
            #define BEGIN_IGNORE _Pragma ("GCC diagnostic push") _Pragma ("GCC diagnostic ignored \"-Wdeprecated-declarations\"")
            DO_PRAGMA(GCC warning "deprecated")
            BEGIN_IGNORE
            int f(int);
            DO_PRAGMA(pack(push, 1))
            struct s { char c; int i; };
            DO_PRAGMA(pack(pop))
            """);

        Assert.Empty(result.Errors());
        Assert.Single(result.Model!.Functions, f => f.Name == "f");
        Assert.Equal(5, Assert.Single(result.Model.Structs).Size);
    }

    [Fact]
    public void PragmaOperator_WithoutAString_IsALocatedError()
    {
        var result = TestHeaders.Compile("int a;\n_Pragma(42)\nint f(void);\n");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("INTEROP1003", 2), (error.Id, error.Location.Line));
    }

    [Fact]
    public void ArrayParameter_SizedByAnEarlierParameter_IsAPointer()
    {
        var result = TestHeaders.Compile("typedef struct { int so, eo; } regmatch_t;\nint regexec(unsigned long n, regmatch_t m[n], int k[static n + 1], int flags);\n");

        Assert.Empty(result.Errors());
        var function = Assert.Single(result.Model!.Functions);
        Assert.Equal(["nuint", "regmatch_t*", "int*", "int"], function.Parameters.Select(p => TypeText.Of(p.Type) == "global::System.Runtime.InteropServices.CULong" ? "nuint" : TypeText.Of(p.Type)));
    }

    [Fact]
    public void AttributeAfterAParameterName_OrItsArraySuffix_IsRead()
    {
        var result = TestHeaders.Compile("int k(int x __attribute__((unused)), char *y __attribute__((nonnull)), int z[] __attribute__((unused)));\n");

        Assert.Empty(result.Errors());
        Assert.Equal(3, Assert.Single(result.Model!.Functions).Parameters.Count);
    }

    [Fact]
    public void LastMemberWithoutSemicolon_IsAWarning_AndTheStructIsBound()
    {
        var result = TestHeaders.Compile("struct S { unsigned : 11 };\nstruct T { int a; int b };\n");

        Assert.Empty(result.Errors());
        Assert.Equal([1, 2], result.Diagnostics.Where(d => d.Id == "INTEROP1013").Select(d => d.Location.Line));
        Assert.Equal(8, result.Model!.Structs.Single(s => s.Name == "T").Size);
    }

    [Fact]
    public void TagNamedLikeAnotherRecordsTypedef_IsRenamedWithAWarning_WhateverTheOrder()
    {
        var result = TestHeaders.Compile("struct b { int y; };\ntypedef struct b_s { int x; } b;\nvoid useb(b*, struct b*);\n");

        var warning = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1014");
        Assert.Equal(1, warning.Location.Line);
        Assert.Equal(["b", "struct_b"], result.Model!.Structs.Select(s => s.Name).Order());
        Assert.Equal(["b*", "struct_b*"], Assert.Single(result.Model.Functions).Parameters.Select(p => TypeText.Of(p.Type)));
    }

    [Fact]
    public void TypedefOfAPointerNamedLikeItsTag_KeepsTheStructAndThePointerApart()
    {
        var result = TestHeaders.Compile("typedef const struct a { int a; } *a;\nvoid h(a);\n");

        Assert.Empty(result.Errors());
        Assert.Equal("a_", Assert.Single(result.Model!.Structs).Fields.Single().Name);
        Assert.Equal("a*", TypeText.Of(Assert.Single(result.Model.Functions).Parameters.Single().Type));
    }

    [Fact]
    public void Int128BuiltinTypedefs_AndIsIdentifier_AreKnown()
    {
        var result = TestHeaders.Compile("""
            __int128_t wide(__uint128_t);
            #if __is_identifier(not_a_keyword) && !__is_identifier(int) && !__is_identifier(_Float16)
            int ident_ok(void);
            #endif
            """);

        Assert.Empty(result.Errors());
        Assert.Equal(["ident_ok", "wide"], result.Model!.Functions.Select(f => f.Name).Order());
        Assert.Equal("global::System.Int128", TypeText.Of(result.Model.Functions.Single(f => f.Name == "wide").ReturnType));
    }

    [Fact]
    public void CompilerProvidedHeaderIdioms_BuildingModuleAndAtomicOrders_AreKnown()
    {
        // xmmintrin.h: #if defined(__SSE2__) && !__building_module(_Builtin_intrinsics); stdatomic.h: memory_order = __ATOMIC_*.
        var result = TestHeaders.Compile("""
            #if defined(__SSE2__) && !__building_module(_Builtin_intrinsics)
            int not_building_a_module(void);
            #endif
            typedef enum memory_order { memory_order_relaxed = __ATOMIC_RELAXED, memory_order_seq_cst = __ATOMIC_SEQ_CST } memory_order;
            void fence(memory_order);
            """);

        Assert.Empty(result.Errors());
        Assert.Equal(["fence", "not_building_a_module"], result.Model!.Functions.Select(f => f.Name).Order());
        Assert.Equal(["0", "5"], Assert.Single(result.Model.Enums).Members.Select(m => m.Value));
    }

    [Fact]
    public void IncludeNext_ContinuesAfterTheDirectoryTheFileWasFoundIn_NotAPrefixOfIt()
    {
        // /inc is a path prefix of /inc/arch, but foo.h was found through /inc/arch: include_next must go on to /last.
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", ["/inc", "/inc/arch", "/last"]);
        var result = TestHeaders.Compile(request, "#include <foo.h>\nint main_decl(void);\n",
            ("/inc/arch/foo.h", "#include_next <foo.h>\n"),
            ("/last/foo.h", "#define FROM_LAST 1\n"));

        Assert.Empty(result.Errors());
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "INTEROP1040");
    }

    [Fact]
    public void IncludeNext_InTheMainHeader_SearchesEveryDirectory_AsClangDoes()
    {
        // clang's ppc_wrappers/mm_malloc.h bound on its own: #include_next <mm_malloc.h> finds the resource directory's.
        var request = BindingRequest.Create("/res/ppc_wrappers/mm_malloc.h", "test", "Test.Native", "TestLib", ["/res", "/usr/include"]);
        var result = TestHeaders.Compile(request, "#include_next <mm_malloc.h>\n", ("/res/mm_malloc.h", "#define FOUND 1\n"));

        Assert.Empty(result.Errors());
    }

    [Fact]
    public void Ptr32_IsAFourBytePointer_WithANote()
    {
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", target: "x86_64-windows-msvc");
        var result = TestHeaders.Compile(request, "struct P { int * __ptr32 p; int q; };\n");

        var record = Assert.Single(result.Model!.Structs);
        Assert.Equal((8L, 4L), (record.Size, record.Fields[1].Offset));
        Assert.Equal("uint", TypeText.Of(record.Fields[0].Type));
        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1033" && d.Message.Contains("__ptr32"));
    }

    public static IEnumerable<object[]> TargetDependentTypes =>
        from target in Target.All
        from declaration in new[]
        {
            "struct h { char c; _Float16 h; };", "struct g { char c; __fp16 g; };", "struct p { int * __ptr32 p; int q; };",
            "struct p { int * __ptr64 p; };", "struct u { __unaligned int *u; };", "struct z { char c; long double _Complex z; };",
        }
        select new object[] { target.Triple, declaration };

    /// <summary>
    /// _Float16 (clang-14: not on x86_64) and Microsoft's pointer qualifiers (only for Windows targets) depend on the
    /// target: we accept exactly what clang-14 accepts for it, and what it rejects is a located error, not a guess.
    /// </summary>
    [Theory]
    [MemberData(nameof(TargetDependentTypes))]
    public async Task TargetDependentTypes_AreAcceptedWhereClangAcceptsThem(string triple, string declaration)
    {
        var clang = await CliWrap.Cli.Wrap("clang-14")
            .WithArguments(["-target", triple, "-fsyntax-only", "-w", "-x", "c", "-"])
            .WithStandardInputPipe(CliWrap.PipeSource.FromString(declaration + "\n"))
            .WithValidation(CliWrap.CommandResultValidation.None)
            .ExecuteAsync();
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", target: triple);

        var result = TestHeaders.Compile(request, declaration + "\n");

        var error = result.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        Assert.True((clang.ExitCode == 0) == (error is null), $"clang-14 exit {clang.ExitCode}, ours: {error?.ToString() ?? "no error"}");
        if (error is not null)
        {
            Assert.Equal((1, triple), (error.Location.Line, error.Message.Contains(triple, StringComparison.Ordinal) ? triple : error.Message));
        }
    }

    [Fact]
    public void AtomicTypes_AreTheirPlainTypes_WhereClangLaysThemOutAlike()
    {
        // clang's stdatomic.h: typedef _Atomic(_Bool) atomic_bool; liburing includes it.
        var result = TestHeaders.Compile("""
            typedef _Atomic(_Bool) atomic_bool;
            typedef _Atomic(unsigned long long) atomic_ullong;
            struct one { int a; };
            struct s { atomic_bool b; _Atomic int i; _Atomic(long *) p; atomic_ullong u; _Atomic(struct one) two; };
            struct three { char c[3]; };
            typedef _Atomic(struct three) atomic_three;
            """);

        Assert.Empty(result.Errors());
        var record = result.Model!.Structs.Single(s => s.CName == "struct s");
        Assert.Equal([0L, 4, 8, 16, 24], record.Fields.Select(f => f.Offset));
        Assert.Equal(32, record.Size);
        // clang makes _Atomic(struct three) 4 bytes aligned to 4: not the plain struct, so not bound, and said where.
        var warning = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1011");
        Assert.Equal((6, 9), (warning.Location.Line, warning.Location.Column));
    }

    [Fact]
    public void MacroNamedLikeAnEnumerator_GivesTheConstantTheMacrosValue_AsCCodeSeesIt()
    {
        // linux/pkt_sched.h: the macro hides the enumerator from C code after it.
        var result = TestHeaders.Compile("""
            enum { MODE_DCB, MODE_CHANNEL, __MODE_MAX };
            #define __MODE_MAX (__MODE_MAX - 1)
            enum { KEEP = 7 };
            #define KEEP KEEP
            """);

        Assert.Empty(result.Errors());
        Assert.Equal("1", Assert.Single(result.Model!.Constants, c => c.Name == "__MODE_MAX").Value);
        Assert.Equal("7", Assert.Single(result.Model.Constants, c => c.Name == "KEEP").Value);
    }

    [Fact]
    public void FeatureTestOperators_CountAsDefined_AsClangSaysForC()
    {
        // glibc's bits/statx.h: #ifdef __has_include / # if __has_include ("linux/stat.h") / #  include "linux/stat.h".
        var (text, diagnostics) = TestHeaders.Preprocess("""
            #ifdef __has_include
            # if __has_include ("inc.h")
            int has_include;
            # endif
            #endif
            #if defined(__has_builtin) && defined __has_attribute && !defined(__has_cpp_attribute)
            int c_operators;
            #endif
            """, ("/inc/inc.h", ""));

        Assert.Empty(diagnostics);
        Assert.Equal("int has_include ; int c_operators ;", text);
    }

    [Fact]
    public void VoidTypedefAsTheOnlyParameter_MeansNoParameters()
    {
        var result = TestHeaders.Compile("typedef void VOID;\nVOID f(VOID);\n");

        Assert.Empty(result.Errors());
        Assert.Empty(Assert.Single(result.Model!.Functions).Parameters);
    }

    [Fact]
    public void ClassNamedLikeAStruct_IsAnError_NotCodeThatFailsWithCS0261()
    {
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "Widget");
        var result = TestHeaders.Compile(request, "typedef struct Widget { int x; } Widget;\nvoid f(Widget*);\n");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("INTEROP1050", 1), (error.Id, error.Location.Line));
        Assert.Contains("--class", error.Message);
    }

    [Fact]
    public void DiagnosticCap_TakesTheSeverityOfTheWorstDiagnosticItHides()
    {
        var infos = new StringBuilder();
        for (var i = 0; i < 250; i++)
        {
            infos.Append("static inline int f").Append(i).Append("(void) { return 0; }\n");
        }

        var onlyInfos = TestHeaders.Compile(infos.ToString());
        // The syntax error is reported while parsing, before the 250 infos of binding: what is hidden is only infos.
        var withError = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib"), infos + "int broken(;\n");

        Assert.Equal(201, onlyInfos.Diagnostics.Count);
        Assert.Equal(("INTEROP1041", DiagnosticSeverity.Info), (onlyInfos.Diagnostics[^1].Id, onlyInfos.Diagnostics[^1].Severity));
        Assert.Empty(onlyInfos.Errors());
        // The class clash is found after the infos of binding, so it is hidden: the note must be an error.
        var hiddenError = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "Widget"), infos + "struct Widget { int x; };\n");
        Assert.Equal(DiagnosticSeverity.Info, withError.Diagnostics[^1].Severity);
        Assert.Equal(("INTEROP1041", DiagnosticSeverity.Error), (hiddenError.Diagnostics[^1].Id, hiddenError.Diagnostics[^1].Severity));
        Assert.Contains("51 more", hiddenError.Diagnostics[^1].Message);
    }
}
