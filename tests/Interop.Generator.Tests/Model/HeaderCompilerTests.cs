using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

public class HeaderCompilerTests
{
    private const string CLong = "global::System.Runtime.InteropServices.CLong";

    private static BindingModel Bind(string text, params (string Path, string Text)[] extraFiles)
    {
        var result = TestHeaders.Compile(text, extraFiles);
        Assert.True(result.Errors().Length == 0, result.Errors());
        return result.Model!;
    }

    private static ConstantModel? Constant(BindingModel model, string name) => model.Constants.SingleOrDefault(c => c.Name == name);

    [Theory]
    [InlineData("#define A 1", "A", "int", "1")]
    [InlineData("#define B 0xFFFFFFFFu", "B", "uint", "4294967295U")]
    [InlineData("#define C (1L << 40)", "C", "long", "1099511627776L")]
    [InlineData("#define D -1", "D", "int", "-1")]
    [InlineData("#define BIG 2147483648", "BIG", "long", "2147483648L")]
    [InlineData("#define HEX 0x80000000", "HEX", "uint", "2147483648U")]
    [InlineData("#define U64 18446744073709551615UL", "U64", "ulong", "18446744073709551615UL")]
    [InlineData("#define LMIN (-9223372036854775807L - 1)", "LMIN", "long", "long.MinValue")]
    [InlineData("#define CH 'A'", "CH", "int", "65")]
    [InlineData("#define SZ sizeof(long)", "SZ", "ulong", "8UL")]
    [InlineData("#define CAST ((unsigned char)300)", "CAST", "byte", "44")]
    [InlineData("#define COND (1 ? 2 : 3)", "COND", "int", "2")]
    public void HeaderCompiler_IntegerDefineBecomesTypedConstant(string define, string name, string type, string value)
    {
        var constant = Constant(Bind(define + "\n"), name);
        Assert.NotNull(constant);
        Assert.Equal(type, TypeText.Of(constant!.Type));
        Assert.Equal(value, constant.Value);
    }

    [Fact]
    public void HeaderCompiler_MacroReferencingMacroIsConstant()
    {
        var model = Bind("#define BASE 0x100\n#define NEXT (BASE + 1)\n");
        Assert.Equal("257", Constant(model, "NEXT")!.Value);
    }

    [Fact]
    public void HeaderCompiler_MacroReferencingEnumConstantIsConstant()
    {
        var model = Bind("enum { K = 7 };\n#define TWICE_K (K * 2)\n");
        Assert.Equal("14", Constant(model, "TWICE_K")!.Value);
        Assert.Equal("7", Constant(model, "K")!.Value);
    }

    [Theory]
    [InlineData("#define F(x) x", "F")]
    [InlineData("#define EMPTY", "EMPTY")]
    [InlineData("#define EXPR (x + 1)", "EXPR")]
    [InlineData("#define KEYWORD const", "KEYWORD")]
    public void HeaderCompiler_NonConstantMacroIsNotBound(string define, string name)
    {
        Assert.Null(Constant(Bind(define + "\nint f(void);\n"), name));
    }

    [Fact]
    public void HeaderCompiler_UndefinedMacroIsNotBound()
    {
        Assert.Null(Constant(Bind("#define GONE 1\n#undef GONE\n"), "GONE"));
    }

    [Fact]
    public void HeaderCompiler_AnonymousEnumConstantsBecomeConstants()
    {
        var model = Bind("enum { FLAG_A = 1, FLAG_B = 1 << 4, FLAG_C };\n");
        Assert.Equal(new[] { "FLAG_A", "FLAG_B", "FLAG_C" }, model.Constants.Select(c => c.Name));
        Assert.Equal(new[] { "1", "16", "17" }, model.Constants.Select(c => c.Value));
        Assert.All(model.Constants, c => Assert.Equal("int", TypeText.Of(c.Type)));
        Assert.Empty(model.Enums);
    }

    [Theory]
    [InlineData("enum small { S_A = 1, S_B = -1 };", "small", "int", "S_B", "-1")]
    [InlineData("enum big { B_A = 0x80000000 };", "big", "uint", "B_A", "2147483648U")]
    [InlineData("enum mixed { M_NEG = -1, M_BIG = 0x100000000 };", "mixed", "long", "M_NEG", "-1L")]
    [InlineData("enum huge { H_A = 0xFFFFFFFFFFFFFFFF };", "huge", "ulong", "H_A", "18446744073709551615UL")]
    public void HeaderCompiler_NamedEnumGetsUnderlyingType(string header, string name, string underlying, string member, string value)
    {
        var enumeration = Assert.Single(Bind(header + "\n").Enums);
        Assert.Equal(name, enumeration.Name);
        Assert.Equal(underlying, TypeText.Of(enumeration.UnderlyingType));
        Assert.Equal(value, enumeration.Members.Single(m => m.Name == member).Value);
    }

    [Fact]
    public void HeaderCompiler_TypedefNamesEnum()
    {
        var model = Bind("typedef enum { RED, GREEN } color_t;\ncolor_t get(void);\n");
        Assert.Equal("color_t", Assert.Single(model.Enums).Name);
        Assert.Equal("color_t", TypeText.Of(Assert.Single(model.Functions).ReturnType));
    }

    [Fact]
    public void HeaderCompiler_BuiltinHeaderDeclarationsAreUsedButNotBound()
    {
        var model = Bind("#include <stdint.h>\n#include <stddef.h>\nuint8_t *fill(uint8_t *buf, size_t n, long l, int32_t v);\n");
        var function = Assert.Single(model.Functions);
        Assert.Equal("byte*", TypeText.Of(function.ReturnType));
        Assert.Equal(new[] { "byte*", "nuint", CLong, "int" }, function.Parameters.Select(p => TypeText.Of(p.Type)));
        Assert.Empty(model.Constants); // UINT8_MAX and friends live in <stdint.h>
        Assert.Empty(model.Structs);   // max_align_t is not ours
    }

    [Fact]
    public void HeaderCompiler_MapsPrimitiveTypes()
    {
        var function = Assert.Single(Bind("unsigned long long f(char c, unsigned char uc, short s, unsigned u, unsigned long ul, double d, float x, _Bool b, void *p);\n").Functions);
        Assert.Equal("ulong", TypeText.Of(function.ReturnType));
        Assert.Equal(
            new[] { "sbyte", "byte", "short", "uint", "global::System.Runtime.InteropServices.CULong", "double", "float", "byte", "void*" },
            function.Parameters.Select(p => TypeText.Of(p.Type)));
    }

    [Fact]
    public void HeaderCompiler_VariadicFunctionIsInterop1021AndNotBound()
    {
        var result = TestHeaders.Compile("int log_msg(const char *fmt, ...);\nint ok(void);\n");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("INTEROP1021", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 1, 5), diagnostic.Location);
        Assert.Equal("ok", Assert.Single(result.Model!.Functions).Name);
    }

    [Fact]
    public void HeaderCompiler_StaticInlineIsInterop1020Info()
    {
        var result = TestHeaders.Compile("static inline int sq(int x) { return x * x; }\n");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("INTEROP1020", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Empty(result.Model!.Functions);
    }

    [Fact]
    public void HeaderCompiler_SiblingHeaderIsBoundButIncludeDirectoryHeaderIsOnlyUsed()
    {
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", new[] { "/inc" });
        var result = TestHeaders.Compile(
            request,
            "#include \"sibling.h\"\n#include <other.h>\nother_t *get_other(void);\n",
            ("/src/sibling.h", "#define SIB_VERSION 3\nint sib(void);\n"),
            ("/inc/other.h", "#define OTHER_VERSION 4\ntypedef struct other { int v; } other_t;\nint other_fn(void);\n"));
        Assert.Equal("", result.Errors());
        var model = result.Model!;
        Assert.Equal(new[] { "sib", "get_other" }, model.Functions.Select(f => f.Name));
        Assert.Equal("other_t*", TypeText.Of(model.Functions[1].ReturnType));
        Assert.Equal("other_t", Assert.Single(model.Structs).Name); // used, so emitted
        Assert.Equal(new[] { "SIB_VERSION" }, model.Constants.Select(c => c.Name));
    }

    [Fact]
    public void HeaderCompiler_StructModelCarriesLayout()
    {
        var model = Bind("typedef struct { char a; int b; double d; } rec_t;\nrec_t make(void);\n");
        var rec = Assert.Single(model.Structs);
        Assert.Equal("rec_t", rec.Name);
        Assert.Equal(16, rec.Size);
        Assert.Equal(8, rec.Alignment);
        Assert.Equal(new long[] { 0, 4, 8 }, rec.Fields.Select(f => f.Offset));
        Assert.Equal(new[] { "sbyte", "int", "double" }, rec.Fields.Select(f => TypeText.Of(f.Type)));
    }

    [Fact]
    public void HeaderCompiler_OpaqueStructPointer()
    {
        var model = Bind("typedef struct db db;\ndb *db_open(const char *path);\nvoid db_close(db *h);\n");
        var db = Assert.Single(model.Structs);
        Assert.True(db.IsOpaque);
        Assert.Equal("db*", TypeText.Of(model.Functions[0].ReturnType));
        Assert.Equal("sbyte*", TypeText.Of(model.Functions[0].Parameters[0].Type));
    }

    [Fact]
    public void HeaderCompiler_FunctionPointerParameterBecomesUnmanagedDelegatePointer()
    {
        var model = Bind("typedef int (*cb)(void *ctx, int code);\nvoid on(cb f);\n");
        Assert.Equal("delegate* unmanaged[Cdecl]<void*, int, int>", TypeText.Of(model.Functions[0].Parameters[0].Type));
    }

    [Fact]
    public void HeaderCompiler_UnnamedParametersAreNamedFromTheirTypes_WithoutInventingMeaning()
    {
        var function = Assert.Single(Bind("typedef unsigned long size_t;\ntypedef struct file_s *File;\nint put(File, const char *, size_t, int, int, void *, void (*)(int));\n").Functions);
        Assert.Equal(new[] { "file", "str", "size", "value", "value_1", "pointer", "callback" }, function.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void HeaderCompiler_UnnamedParametersTakeTheNamesOfAPrototypeInAComment_AsZlibWritesThem()
    {
        // zlib.h: the named prototype sits in the comment, the declaration further down has no names.
        var function = Assert.Single(Bind("/*\nZEXTERN gzFile ZEXPORT gzopen OF((const char *path, const char *mode));\n\n     Open the gzip (.gz) file at path.\n*/\nvoid *gzopen(const char *, const char *);\n").Functions);
        Assert.Equal(new[] { "path", "mode" }, function.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void HeaderCompiler_UnnamedParametersTakeTheNamesOfALaterDeclaration()
    {
        var function = Assert.Single(Bind("int add(int, int);\nint add(int left, int right);\n").Functions);
        Assert.Equal(new[] { "left", "right" }, function.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void HeaderCompiler_UnnamedParametersTakeTheNamesOfTheDocCommentsParamList()
    {
        var function = Assert.Single(Bind("/**\n * Adds.\n * @param[in] left the first\n * \\param right the second\n */\nint add(int, int);\n").Functions);
        Assert.Equal(new[] { "left", "right" }, function.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void HeaderCompiler_ACommentWhosePrototypeDoesNotMatchTheArityIsIgnored()
    {
        var function = Assert.Single(Bind("/* add(int left, int middle, int right) */\nint add(int, int);\n").Functions);
        Assert.Equal(new[] { "value", "value_1" }, function.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void HeaderCompiler_MissingIncludeIsInterop1002()
    {
        var result = TestHeaders.Compile("#include \"missing.h\"\nint f(void);\n");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("INTEROP1002", diagnostic.Id);
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 1, 2), diagnostic.Location);
    }

    [Fact]
    public void HeaderCompiler_MissingHeaderIsInterop1000()
    {
        var result = HeaderCompiler.Compile(BindingRequest.Create("/src/absent.h", null, null, null), _ => null);
        Assert.Null(result.Model);
        Assert.Equal("INTEROP1000", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void HeaderCompiler_UserDefinesReachThePreprocessor()
    {
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", defines: new[] { "FEATURE", "LEVEL=3" });
        var result = TestHeaders.Compile(request, "#if defined(FEATURE) && LEVEL == 3\nint feature(void);\n#endif\n");
        Assert.Equal("feature", Assert.Single(result.Model!.Functions).Name);
    }

    [Fact]
    public void HeaderCompiler_KeepsDocComments()
    {
        var model = Bind("/** The version. */\n#define VERSION 2\n/** Adds. */\nint add(int a, int b);\n");
        Assert.Equal("The version.", Constant(model, "VERSION")!.Doc);
        Assert.Equal("Adds.", model.Functions[0].Doc);
    }

    [Fact]
    public void HeaderCompiler_LongTypedefChainDoesNotCrash()
    {
        var text = new System.Text.StringBuilder("typedef int t0;\n");
        for (var i = 1; i <= 5000; i++)
        {
            text.Append("typedef t").Append(i - 1).Append(" *t").Append(i).Append(";\n");
        }

        text.Append("t5000 get(void);\nint ok(void);\n");
        HeaderResult? result = null;
        var thread = new Thread(() => result = TestHeaders.Compile(text.ToString()), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.NotNull(result);
        Assert.DoesNotContain(result!.Diagnostics, d => d.Id == "INTEROP1099");
        Assert.Contains(result.Model!.Functions, f => f.Name == "ok");
    }
}
