using System.Runtime.InteropServices;
using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Emit.Shim;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Shim;

/// <summary>
/// API mode for function-like macros: a statement expression, a macro over a static inline function and a macro the
/// Shim list names get exported C wrappers that expand them, bound under the macro's name; the wrappers are compiled
/// by the real C compiler and called, and the results checked against values computed here.
/// </summary>
public sealed class MacroShimTests
{
    private const string Macros = """
        static inline int clamp_add(int a, int b) { int s = a + b; return s > 100 ? 100 : s; }
        int exported_twice(int x);
        #define MAX_OF(a, b) ({ int _a = (a), _b = (b); _a > _b ? _a : _b; })
        #define CLAMPED_SUM(a, b) clamp_add((a), (b))
        #define TWICE(x) exported_twice(x)
        #define SCALE(x, k) ((unsigned)(x) * (k))
        #define LOOPING(n) ({ int i = 0; while (i < (n)) i++; i; })
        """;

    private const string SysMacros = "/usr/include/x86_64-linux-gnu/sys/sysmacros.h";

    [Fact]
    public void WithTheShimOn_CompilerOnlyMacrosAndNamedOnes_AreWrapped_OthersStayMethods()
    {
        var result = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "m", "T", "M", shim: ["SCALE"]), Macros);

        var model = result.Model!;
        Assert.Equal(["MAX_OF", "CLAMPED_SUM", "SCALE"], model.Shim!.Functions.Select(f => f.Name));
        Assert.All(model.Shim.Functions, f => Assert.Equal(ShimTarget.Macro, f.Target));
        var max = Assert.Single(model.Functions, f => f.Name == "MAX_OF");
        Assert.True(max.Shimmed);
        Assert.Equal("MAX_OF__interop_shim", max.EntryPoint);
        Assert.Equal(TypeRef.Int, max.ReturnType);
        Assert.Equal([TypeRef.Int, TypeRef.Int], max.Parameters.Select(p => p.Type));
        var scale = Assert.Single(model.Functions, f => f.Name == "SCALE");
        Assert.Equal(TypeRef.UInt, scale.ReturnType);
        Assert.Equal([TypeRef.UInt, TypeRef.Int], scale.Parameters.Select(p => p.Type));
        Assert.Equal(["TWICE"], model.MacroMethods.Select(m => m.Name));
        Assert.DoesNotContain(model.Functions, f => f.Name == "clamp_add");

        var looping = Assert.Single(result.Diagnostics, d => d.Message.Contains("'LOOPING'"));
        Assert.Equal(DiagnosticKind.MacroNotBound.Id, looping.Id);
        Assert.Contains("the shim cannot wrap it", looping.Message);
        Assert.Equal(7, looping.Location.Line);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == DiagnosticKind.ShimNotWritten.Id);
    }

    [Fact]
    public void TheWrappersAndTheirBindings_AreWrittenUnderTheMacrosNames()
    {
        var model = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "m", "T", "M", shim: ["SCALE"]), Macros).Model!;

        var c = ShimSource.Write(model.Shim!);
        Assert.Contains("INTEROP_SHIM_EXPORT int MAX_OF__interop_shim(int interop_arg_0, int interop_arg_1)\n{\n    return MAX_OF(interop_arg_0, interop_arg_1);\n}", c);
        Assert.Contains("INTEROP_SHIM_EXPORT unsigned int SCALE__interop_shim(unsigned int interop_arg_0, int interop_arg_1)", c);
        var files = BindingsEmitter.Emit(model);
        var text = files.Single(f => f.HintName == "T.M.g.cs").Text;
        Assert.Contains("LibraryImport(ShimLibraryName, EntryPoint = \"MAX_OF__interop_shim\"", text);
        Assert.Contains("public static partial int MAX_OF(int a, int b);", text);
        Assert.Contains("int MAX_OF(int a, int b)", files.Single(f => f.HintName == "T.M.Facade.g.cs").Text);
    }

    [Fact]
    public void TheStarDoesNotSelectMacros_AndAMacroOverAShimmedInline_IsAMethodCallingIt()
    {
        var model = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "m", "T", "M", shim: ["*"]), Macros).Model!;

        Assert.Equal(["clamp_add", "MAX_OF"], model.Shim!.Functions.Select(f => f.Name));
        Assert.Equal(["CLAMPED_SUM", "SCALE", "TWICE"], model.MacroMethods.Select(m => m.Name).Order());
    }

    [Fact]
    public void WithTheShimOff_CompilerOnlyMacros_KeepTheirInfo_WhichNamesTheOption()
    {
        var result = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "m", "T", "M"), Macros);

        Assert.Null(result.Model!.Shim);
        foreach (var (name, line, why) in new[] { ("MAX_OF", 3, "statement expression"), ("CLAMPED_SUM", 4, "calls 'clamp_add', which is static inline") })
        {
            var info = Assert.Single(result.Diagnostics, d => d.Message.Contains($"'{name}'"));
            Assert.Equal((DiagnosticKind.MacroNotBound.Id, DiagnosticSeverity.Info, line), (info.Id, info.Severity, info.Location.Line));
            Assert.Contains(why, info.Message);
            Assert.Contains("the Shim option would wrap it", info.Message);
        }
    }

    [Fact]
    public void ANamedMacroTheShimCannotWrap_IsAWarningAtItsDefine()
    {
        const string header = """
            #define PASTE(n) n##_suffix
            #define UNUSED(x) 42
            """;
        var result = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "m", "T", "M", shim: ["PASTE", "UNUSED"]), header);

        var warnings = result.Diagnostics.Where(d => d.Id == DiagnosticKind.ShimNotWritten.Id).OrderBy(d => d.Location.Line).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("'PASTE' (a function-like macro)", warnings[0].Message);
        Assert.Contains("pastes tokens", warnings[0].Message);
        Assert.Contains("does not use its parameter 'x'", warnings[1].Message);
        Assert.Equal(2, warnings[1].Location.Line);
    }

    [Fact]
    public unsafe void AStatementExpressionAndAMacroOverAnInline_CompiledByCc_AreCalled()
    {
        var directory = Directory.CreateTempSubdirectory("interop-macro-shim-").FullName;
        var header = Path.Combine(directory, "macros.h");
        File.WriteAllText(header, Macros);
        var result = HeaderCompiler.Compile(BindingRequest.Create(header, "m", "T", "M", shim: ["SCALE"]), ShimTests.ReadFile);
        var handle = NativeLibrary.Load(ShimTests.CompileShim(result.Model!.Shim!, directory));
        try
        {
            var max = (delegate* unmanaged<int, int, int>)NativeLibrary.GetExport(handle, "MAX_OF__interop_shim");
            var clamped = (delegate* unmanaged<int, int, int>)NativeLibrary.GetExport(handle, "CLAMPED_SUM__interop_shim");
            var scale = (delegate* unmanaged<uint, int, uint>)NativeLibrary.GetExport(handle, "SCALE__interop_shim");
            foreach (var (a, b) in new[] { (3, 9), (9, 3), (-5, -7), (int.MinValue, int.MaxValue), (60, 70) })
            {
                Assert.Equal(Math.Max(a, b), max(a, b));
                Assert.Equal(Math.Min(unchecked(a + b), 100), clamped(a, b));
            }

            Assert.Equal(unchecked(0xFFFFFFFFu * 3u), scale(0xFFFFFFFFu, 3));
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    [Fact]
    public unsafe void GlibcsMakedevMajorMinor_NamedForTheShim_AreCalledThroughIt()
    {
        var request = BindingRequest.Create(SysMacros, "c", "T", "Dev", shim: ["makedev", "major", "minor"], systemIncludeDirectories: ["/usr/include/x86_64-linux-gnu", "/usr/include"]);
        var result = HeaderCompiler.Compile(request, ShimTests.ReadFile);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error || d.Id == DiagnosticKind.ShimNotWritten.Id);
        var shim = result.Model!.Shim!;
        Assert.Equal(["major", "minor", "makedev"], shim.Functions.Select(f => f.Name));
        var makedevBinding = Assert.Single(result.Model.Functions, f => f.Name == "makedev");
        Assert.Equal((TypeRef.CULong, "makedev__interop_shim"), (makedevBinding.ReturnType, makedevBinding.EntryPoint));
        Assert.Equal([TypeRef.UInt, TypeRef.UInt], makedevBinding.Parameters.Select(p => p.Type));

        var handle = NativeLibrary.Load(ShimTests.CompileShim(shim, Directory.CreateTempSubdirectory("interop-macro-shim-").FullName));
        try
        {
            var makedev = (delegate* unmanaged<uint, uint, CULong>)NativeLibrary.GetExport(handle, "makedev__interop_shim");
            var major = (delegate* unmanaged<CULong, uint>)NativeLibrary.GetExport(handle, "major__interop_shim");
            var minor = (delegate* unmanaged<CULong, uint>)NativeLibrary.GetExport(handle, "minor__interop_shim");
            foreach (var (maj, min) in new[] { (8u, 1u), (0u, 0u), (0x12345u, 0xABCDEu), (0xFFFFFFFFu, 0xFFFFFFFFu), (259u, 65536u) })
            {
                var dev = makedev(maj, min).Value;
                Assert.Equal(GlibcMakedev(maj, min), (ulong)dev);
                Assert.Equal((maj, min), (major(new CULong(dev)), minor(new CULong(dev))));
            }
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    [Fact]
    public void WithoutTheShim_GlibcsMajor_IsAMethodOverTheExportedGnuDevMajor()
    {
        var request = BindingRequest.Create(SysMacros, "c", "T", "Dev", systemIncludeDirectories: ["/usr/include/x86_64-linux-gnu", "/usr/include"]);
        var model = HeaderCompiler.Compile(request, ShimTests.ReadFile).Model!;

        Assert.Null(model.Shim);
        Assert.Equal(["major", "makedev", "minor"], model.MacroMethods.Select(m => m.Name).Order());
    }

    /// <summary>The dev_t layout glibc's &lt;bits/sysmacros.h&gt; defines: 12+20 bits of major, 8+24 of minor, interleaved.</summary>
    private static ulong GlibcMakedev(uint major, uint minor) =>
        ((ulong)(major & 0x00000FFFu) << 8) | ((ulong)(major & 0xFFFFF000u) << 32) | (minor & 0x000000FFu) | ((ulong)(minor & 0xFFFFFF00u) << 12);
}
