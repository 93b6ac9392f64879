using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Interop.Generator.Emit;
using Interop.Generator.Emit.Shim;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Shim;

/// <summary>
/// API mode: static inline functions selected by the Shim option are bound under their C names, imported from
/// the shim library by their wrapper's name, and the wrappers' C source is compiled by the real C compiler and
/// called, so the bindings and the C side are checked against each other, not against expected text alone.
/// </summary>
public sealed class ShimTests
{
    private const string Vectors = """
        typedef struct vec2 { int x; int y; } vec2;
        static inline int vec2_dot(vec2 a, vec2 b) { return a.x * b.x + a.y * b.y; }
        static inline vec2 vec2_scale(vec2 v, int k) { vec2 r = { v.x * k, v.y * k }; return r; }
        static inline void vec2_add_into(vec2 *acc, const vec2 *v) { acc->x += v->x; acc->y += v->y; }
        static inline int vec2_apply(int (*f)(int), const int values[2]) { return f(values[0]) + f(values[1]); }
        int vec2_exported(int x);
        """;

    [Fact]
    public void SelectedInlineFunctions_AreBoundUnderTheirNames_FromTheShimLibrary()
    {
        var result = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "vec", "T", "Vec", shim: ["*"]), Vectors);

        var model = result.Model!;
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "INTEROP1020" or "INTEROP1400");
        var dot = Assert.Single(model.Functions, f => f.Name == "vec2_dot");
        Assert.Equal("vec2_dot__interop_shim", dot.EntryPoint);
        Assert.True(dot.Shimmed);
        Assert.False(Assert.Single(model.Functions, f => f.Name == "vec2_exported").Shimmed);
        Assert.Equal("vec_interop_shim", model.Shim!.LibraryName);
        Assert.Equal(["vec2_dot", "vec2_scale", "vec2_add_into", "vec2_apply"], model.Shim.Functions.Select(f => f.Name));

        var text = BindingsEmitter.Emit(model)[0].Text;
        Assert.Contains("public const string ShimLibraryName = \"vec_interop_shim\";", text);
        Assert.Contains("LibraryImport(ShimLibraryName, EntryPoint = \"vec2_dot__interop_shim\"", text);
        Assert.Contains("LibraryImport(LibraryName, EntryPoint = \"vec2_exported\"", text);
    }

    [Fact]
    public void WithoutTheOption_InlineFunctionsStayUnbound_AndSayWhy()
    {
        var result = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "vec", "T", "Vec"), Vectors);

        Assert.Null(result.Model!.Shim);
        Assert.DoesNotContain(result.Model.Functions, f => f.Name == "vec2_dot");
        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1020" && d.Message.Contains("vec2_dot"));
    }

    [Fact]
    public void AnEntryThatWrapsNothing_OrATypeCCannotName_IsReportedWhereItIs()
    {
        const string header = """
            int exported(int x);
            static inline struct { int v; } anonymous(void) { return (struct { int v; }){ 1 }; }
            """;
        var result = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "t", "T", "T", shim: ["*", "exported", "missing"]), header);

        var reports = result.Diagnostics.Where(d => d.Id == "INTEROP1400").ToList();
        // An anonymous return type is refused where it is (by the type mapping or the shim's C spelling), never bound.
        Assert.Contains(result.Diagnostics, d => d.Id is "INTEROP1400" or "INTEROP1011" && d.Message.Contains("'anonymous'") && d.Location.Line == 2);
        Assert.Contains(reports, d => d.Message.Contains("'exported'") && d.Message.Contains("exported symbol") && d.Location.Line == 1);
        Assert.Contains(reports, d => d.Message.Contains("'missing'") && d.Message.Contains("no function"));
        Assert.DoesNotContain(result.Model!.Functions, f => f.Name == "anonymous");
    }

    [Fact]
    public unsafe void AHeaderOfOurOwn_ShimCompiledByCc_IsCalledWithStructsByValueAndPointers()
    {
        var directory = Directory.CreateTempSubdirectory("interop-shim-").FullName;
        var header = Path.Combine(directory, "vec.h");
        File.WriteAllText(header, Vectors);
        var result = HeaderCompiler.Compile(BindingRequest.Create(header, "vec", "T", "Vec", shim: ["*"]), ReadFile);
        var library = CompileShim(result.Model!.Shim!, directory);

        var handle = NativeLibrary.Load(library);
        try
        {
            var dot = (delegate* unmanaged<Vec2, Vec2, int>)NativeLibrary.GetExport(handle, "vec2_dot__interop_shim");
            var scale = (delegate* unmanaged<Vec2, int, Vec2>)NativeLibrary.GetExport(handle, "vec2_scale__interop_shim");
            var addInto = (delegate* unmanaged<Vec2*, Vec2*, void>)NativeLibrary.GetExport(handle, "vec2_add_into__interop_shim");
            var apply = (delegate* unmanaged<delegate* unmanaged<int, int>, int*, int>)NativeLibrary.GetExport(handle, "vec2_apply__interop_shim");

            Assert.Equal(2 * 4 + 3 * 5, dot(new Vec2(2, 3), new Vec2(4, 5)));
            Assert.Equal(new Vec2(-20, 30), scale(new Vec2(-2, 3), 10));
            var acc = new Vec2(1, 1);
            var v = new Vec2(6, 7);
            addInto(&acc, &v);
            Assert.Equal(new Vec2(7, 8), acc);
            var values = stackalloc int[] { 5, 9 };
            Assert.Equal(25 + 81, apply(&Square, values));
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    [Fact]
    public unsafe void GlibcsByteswap_StaticInlineFromASystemHeader_CalledThroughTheShim()
    {
        // <byteswap.h> includes <bits/byteswap.h>, where glibc defines __bswap_16/32/64 as static __inline.
        var request = BindingRequest.Create("/usr/include/byteswap.h", "c", "T", "Bswap", shim: ["__bswap_16", "__bswap_32", "__bswap_64"],
            systemIncludeDirectories: ["/usr/include/x86_64-linux-gnu", "/usr/include"]);
        var result = HeaderCompiler.Compile(request, ReadFile);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Diagnostics.DiagnosticSeverity.Error || d.Id == "INTEROP1400");
        var shim = result.Model!.Shim!;
        Assert.Equal("__uint32_t %", Assert.Single(shim.Functions, f => f.Name == "__bswap_32").ReturnType);
        Assert.EndsWith("bits/byteswap.h", Assert.Single(shim.Functions, f => f.Name == "__bswap_32").Location.File);
        Assert.Equal("__bswap_32__interop_shim", Assert.Single(result.Model.Functions, f => f.Name == "__bswap_32").EntryPoint);

        var library = CompileShim(shim, Directory.CreateTempSubdirectory("interop-shim-").FullName);
        var handle = NativeLibrary.Load(library);
        try
        {
            var bswap16 = (delegate* unmanaged<ushort, ushort>)NativeLibrary.GetExport(handle, "__bswap_16__interop_shim");
            var bswap32 = (delegate* unmanaged<uint, uint>)NativeLibrary.GetExport(handle, "__bswap_32__interop_shim");
            var bswap64 = (delegate* unmanaged<ulong, ulong>)NativeLibrary.GetExport(handle, "__bswap_64__interop_shim");
            foreach (var value in new[] { 0x12345678u, 0u, 0xFF000001u, 0xDEADBEEFu })
            {
                Assert.Equal(BinaryPrimitives.ReverseEndianness(value), bswap32(value));
            }

            Assert.Equal((ushort)0x3412, bswap16(0x1234));
            Assert.Equal(0x0807060504030201ul, bswap64(0x0102030405060708ul));
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    [Fact]
    public void ShimForAGlibcFunctionWithASymbol_IsRefused_NotWrapped()
    {
        // gnu_dev_major is extern in <sys/sysmacros.h> (inline only under __USE_EXTERN_INLINES): it needs no shim.
        var request = BindingRequest.Create("/usr/include/x86_64-linux-gnu/sys/sysmacros.h", "c", "T", "Dev", shim: ["gnu_dev_major"],
            systemIncludeDirectories: ["/usr/include/x86_64-linux-gnu", "/usr/include"]);
        var result = HeaderCompiler.Compile(request, ReadFile);

        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1400" && d.Message.Contains("'gnu_dev_major'") && d.Message.Contains("exported symbol"));
        Assert.Null(result.Model?.Shim);
    }

    [UnmanagedCallersOnly]
    private static int Square(int x) => x * x;

    internal static string CompileShim(ShimModel shim, string directory)
    {
        var source = Path.Combine(directory, "shim.c");
        File.WriteAllText(source, ShimSource.Write(shim));
        var library = Path.Combine(directory, "lib" + shim.LibraryName + ".so");
        var cc = Process.Start(new ProcessStartInfo("cc", ["-std=c11", "-Wall", "-Werror", "-fvisibility=hidden", "-shared", "-fPIC", "-o", library, source]) { RedirectStandardError = true })!;
        var errors = cc.StandardError.ReadToEnd();
        cc.WaitForExit();
        Assert.True(cc.ExitCode == 0, $"cc failed on the shim:\n{errors}\n{File.ReadAllText(source)}");
        return library;
    }

    internal static string? ReadFile(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Vec2(int X, int Y);
}
