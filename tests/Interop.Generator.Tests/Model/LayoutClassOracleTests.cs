using System.Globalization;
using System.Reflection;
using System.Text;
using Interop.Generator.Emit;
using Interop.Generator.Model;
using Interop.Generator.Tests.Generator;
using Microsoft.CodeAnalysis;

namespace Interop.Generator.Tests.Model;

/// <summary>
/// The layout classes system headers exercise (zero-size members, flexible arrays, packed and bitfield-only
/// structs embedded in plain ones, over-aligned structs, __int128, long double, _Complex, _Float16, enum sizes,
/// zero-width and unnamed bitfields, MSVC's required alignment and union bitfields), on every
/// target, judged twice: clang-14 checks the model's sizes, alignments and offsets, and the emitted C#, compiled
/// and run, must have the same sizes, alignments (up to the 16 bytes .NET can carry) and offsets.
/// </summary>
public sealed class LayoutClassOracleTests
{
    private const string Header = """
        #include <stddef.h>
        struct empty {};
        struct zero_length { char c; unsigned char x[0]; };
        struct with_empty { char c; struct empty e; char d; };
        struct flexible { short n; long long v[]; };
        struct flexible_bytes { int n; char name[]; };
        struct __attribute__((packed)) packed_s { int a; char b; };
        struct outer_packed { char c; struct packed_s p; };
        struct packed_array { char c; struct packed_s a[3]; };
        #pragma pack(push, 2)
        struct pack2 { char c; int i; double d; };
        #pragma pack(pop)
        struct outer_pack2 { char c; struct pack2 p; };
        struct bits_only { unsigned a : 3; unsigned b : 5; };
        struct outer_bits { short c; struct bits_only b; };
        struct wide_bits { unsigned long long a : 3; };
        struct outer_wide_bits { char c; struct wide_bits w; };
        struct aligned16 { char c; } __attribute__((aligned(16)));
        struct outer_aligned16 { char c; struct aligned16 a; int tail; };
        struct aligned64 { int x; } __attribute__((aligned(64)));
        struct outer_aligned64 { char c; struct aligned64 a; };
        struct aligned_member { char c; int x __attribute__((aligned(8))); };
        struct outer_aligned_member { char c; struct aligned_member m; };
        struct with_int128 { char c; __int128 x; unsigned __int128 y; __int128_t z; __uint128_t w; };
        struct outer_int128 { char c; struct with_int128 i; };
        struct with_long_double { char c; long double d; int after; };
        struct outer_long_double { char c; struct with_long_double l; };
        struct with_long_double_complex { char c; long double _Complex z; int after; };
        struct outer_long_double_complex { char c; struct with_long_double_complex z; };
        struct with_complex { char c; float _Complex f; double _Complex d; _Complex double e; };
        #ifdef __aarch64__
        struct with_half { char c; _Float16 h; __fp16 g; };
        #endif
        struct last_member_without_semicolon { unsigned : 11; unsigned tail : 3 };
        enum __attribute__((packed)) small_enum { small_a = 1, small_b = 200 };
        enum wide_enum { wide_a = 1, wide_b = 5000000000 };
        enum fixed_enum : unsigned short { fixed_a = 1 };
        struct with_enums { char c; enum small_enum s; enum wide_enum w; enum fixed_enum f; enum small_enum bits : 3; };
        struct zero_width_after_bits { char c; int x : 3; int : 0; char y; };
        struct unnamed_bits { char c; long long : 3; char d; };
        union bits_union { char c; int x : 3; long long y : 5; };
        typedef int aligned_int8 __attribute__((aligned(8)));
        #pragma pack(push, 2)
        struct pack_under_required { char c; aligned_int8 x; };
        #pragma pack(pop)
        """;

    public static TheoryData<string> Targets => new(Target.All.Select(t => t.Triple));

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task ModelLayouts_AreThoseClangComputes(string triple)
    {
        var model = Bind(triple);

        var probe = new StringBuilder(Header).AppendLine();
        foreach (var record in Named(model))
        {
            probe.AppendLine($"_Static_assert(sizeof({record.CName}) == {record.Size}, \"sizeof {record.CName} = {record.Size}\");");
            probe.AppendLine($"_Static_assert(_Alignof({record.CName}) == {record.Alignment}, \"_Alignof {record.CName} = {record.Alignment}\");");
            foreach (var (cName, offset) in record.Fields.Select(f => (f.CName, f.Offset)).Concat(record.TrailingArrays.Select(t => (t.CName, t.Offset))))
            {
                probe.AppendLine($"_Static_assert(offsetof({record.CName}, {cName}) == {offset}, \"offsetof {record.CName}.{cName} = {offset}\");");
            }
        }

        var clang = await ClangSyntaxCheck.RunAsync(triple, probe.ToString(), "gnu11");

        Assert.True(clang.ExitCode == 0, $"clang disagrees with our {triple} layout:\n{clang.StandardError}");
        Assert.Equal(triple.StartsWith("aarch64", StringComparison.Ordinal) ? 34 : 33, Named(model).Count());
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void EmittedStructs_HaveCsLayoutInDotNet(string triple)
    {
        var model = Bind(triple);
        var runtime = RunProbe(model);

        var differences = new List<string>();
        foreach (var record in Named(model))
        {
            var name = record.Name.TrimStart('@');
            // .NET gives an empty struct 1 byte; the structs embedding it still place what follows at C's offsets.
            Expect($"{name} size", Math.Max(record.Size, 1));
            Expect($"{name} align", Math.Min(record.Alignment, 16));
            foreach (var field in record.Fields)
            {
                Expect($"{name}.{field.Name.TrimStart('@')}", field.Offset);
            }

            foreach (var trailing in record.TrailingArrays)
            {
                Expect($"{name}.{trailing.Name.TrimStart('@')}[]", trailing.Offset);
            }
        }

        Assert.True(differences.Count == 0, $"{triple}: the emitted C# is not laid out as C:\n{string.Join("\n", differences)}");

        void Expect(string label, long value)
        {
            var actual = runtime.GetValueOrDefault(label, "(not probed)");
            if (actual != value.ToString(CultureInfo.InvariantCulture))
            {
                differences.Add($"{label}: C says {value}, .NET says {actual}");
            }
        }
    }

    [Fact]
    public void AlignmentAbove16_IsALocatedWarning_AndSizeAndStrideStayCs()
    {
        var result = TestHeaders.Compile("struct a64 { int x; } __attribute__((aligned(64)));\nstruct holder { char c; struct a64 v[2]; };\n");

        var warning = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1032" && d.Message.Contains("'a64'"));
        Assert.Equal(1, warning.Location.Line);
        Assert.Contains("64-byte aligned", warning.Message);
        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1032" && d.Message.Contains("'holder'") && d.Location.Line == 2);
        var holder = result.Model!.Structs.Single(s => s.CName == "struct holder");
        Assert.Equal((192L, 64L), (holder.Size, holder.Fields.Single(f => f.CName == "v").Offset));
    }

    [Fact]
    public void LongDouble_IsSixteenOpaqueBytesWithANote_WhereDotNetHasNoType()
    {
        var result = TestHeaders.Compile("struct s { char c; long double d; };\n");

        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1033" && d.Message.Contains("16 opaque bytes") && d.Location.Line == 1);
        var record = Assert.Single(result.Model!.Structs);
        Assert.Equal(16, Assert.Single(record.Buffers).Length);
    }

    [Theory]
    [InlineData("x86_64-linux-gnu", 32)]
    [InlineData("aarch64-linux-gnu", 32)]
    public void LongDoubleComplex_IsOpaqueBytesWithTheLongDoubleNote_WhereDotNetHasNoType(string triple, int size)
    {
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", target: triple);
        var result = TestHeaders.Compile(request, "struct s { char c;\n long double _Complex z; };\n");

        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1033" && d.Message.Contains($"{size} opaque bytes") && d.Location.Line == 2);
        var record = Assert.Single(result.Model!.Structs);
        Assert.Equal((size, 16L, 16L + size), (Assert.Single(record.Buffers).Length, record.Alignment, record.Size));
    }

    [Theory]
    [InlineData("x86_64-windows-msvc")]
    [InlineData("aarch64-apple-darwin")]
    public void LongDoubleComplex_IsComplex_WhereLongDoubleIsDouble(string triple)
    {
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", target: triple);
        var result = TestHeaders.Compile(request, "struct s { char c; long double _Complex z; };\n");

        Assert.Equal("global::System.Numerics.Complex", TypeText.Of(Assert.Single(result.Model!.Structs).Fields[1].Type));
    }

    [Fact]
    public void LongDouble_IsDouble_WhereItIsEightBytes()
    {
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", target: "x86_64-windows-msvc");
        var result = TestHeaders.Compile(request, "struct s { char c; long double d; };\n");

        Assert.Equal("double", TypeText.Of(Assert.Single(result.Model!.Structs).Fields[1].Type));
    }

    [Fact]
    public void FlexibleArray_IsASpanOverTheElementsAfterTheStruct()
    {
        var model = Bind("x86_64-linux-gnu");
        var text = string.Join("\n", BindingsEmitter.Emit(model).Select(f => f.Text));

        Assert.Contains("public global::System.Span<long> v(int length)", text);
        Assert.Contains("public global::System.Span<sbyte> name(int length)", text);
    }

    private static BindingModel Bind(string triple)
    {
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", target: triple);
        var result = TestHeaders.Compile(request, Header);
        Assert.True(result.Model is not null && result.Errors().Length == 0, result.Errors());
        return result.Model!;
    }

    private static IEnumerable<StructModel> Named(BindingModel model) => model.Structs.Where(s => s.CName.Length > 0 && !s.IsOpaque);

    /// <summary>Compiles the bindings with a probe that prints each struct's .NET size, alignment and member offsets, and runs it.</summary>
    private static Dictionary<string, string> RunProbe(BindingModel model)
    {
        var probe = new StringBuilder("""
            using System.Runtime.CompilerServices;
            using System.Runtime.InteropServices;
            namespace Test.Native;
            [StructLayout(LayoutKind.Sequential)] public struct AlignOf<T> where T : unmanaged { public byte Before; public T Value; }
            public static class LayoutProbe
            {
                static long Offset<TS, TF>(ref TS s, ref TF f) => (long)Unsafe.ByteOffset(ref Unsafe.As<TS, byte>(ref s), ref Unsafe.As<TF, byte>(ref f));
                static long Align<T>() where T : unmanaged { AlignOf<T> a = default; return Offset(ref a, ref a.Value); }
                public static string Run()
                {
                    var o = new System.Text.StringBuilder();

            """);
        foreach (var record in Named(model))
        {
            var name = record.Name;
            var type = CSharpNames.Escape(record.Name);
            probe.AppendLine($"{{ {type} v = default; o.Append(\"{name} size\\t\").Append(Unsafe.SizeOf<{type}>()).Append('\\n');");
            probe.AppendLine($"o.Append(\"{name} align\\t\").Append(Align<{type}>()).Append('\\n');");
            foreach (var field in record.Fields)
            {
                probe.AppendLine($"o.Append(\"{name}.{field.Name}\\t\").Append(Offset(ref v, ref v.{CSharpNames.Escape(field.Name)})).Append('\\n');");
            }

            foreach (var trailing in record.TrailingArrays)
            {
                probe.AppendLine($"o.Append(\"{name}.{trailing.Name}[]\\t\").Append(Offset(ref v, ref MemoryMarshal.GetReference(v.{CSharpNames.Escape(trailing.Name)}(1)))).Append('\\n');");
            }

            probe.AppendLine("}");
        }

        probe.AppendLine("return o.ToString(); } }");
        var sources = BindingsEmitter.Emit(model).Select(f => f.Text).Append(probe.ToString()).ToArray();
        var compilation = GeneratorHarness.Compilation(sources);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var assembly = Assembly.Load(image.ToArray());
        var output = (string)assembly.GetType("Test.Native.LayoutProbe")!.GetMethod("Run")!.Invoke(null, null)!;
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1]);
    }
}
