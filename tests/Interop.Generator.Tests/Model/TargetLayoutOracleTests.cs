using System.Text;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

/// <summary>
/// Our layouts for every supported target, checked by clang-14 itself: the test writes our sizes,
/// alignments and offsets as <c>_Static_assert</c>s and has clang compile them for the same triple.
/// </summary>
public sealed class TargetLayoutOracleTests
{
    private const string Header = """
        #include <stddef.h>
        #include <stdint.h>
        struct with_long { char c; long l; int i; };
        struct with_long_double { char c; long double d; };
        struct with_wchar { char c; wchar_t w; short s; };
        struct mixed_bitfields { char a : 3; int b : 4; char c : 2; long long d : 40; short e; };
        struct bitfield_runs { unsigned a : 7; unsigned b : 30; unsigned : 0; unsigned c : 1; };
        struct after_bitfield { int a : 3; char tail; };
        union numbers { int i; long l; double d; char bytes[12]; };
        #pragma pack(push, 4)
        struct packed4 { char c; double d; long long q; };
        #pragma pack(pop)
        struct nested { struct with_long inner; char tail; size_t n; int64_t big; intptr_t p; };
        void use(struct with_long*, struct with_long_double*, struct with_wchar*, struct mixed_bitfields*, struct bitfield_runs*,
                 struct after_bitfield*, union numbers*, struct packed4*, struct nested*);
        """;

    public static TheoryData<string> Targets => new(Target.All.Select(t => t.Triple));

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Layouts_AreThoseClangComputesForTheTarget(string triple)
    {
        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", target: triple);
        var result = TestHeaders.Compile(request, Header);
        Assert.Empty(result.Errors());

        var probe = new StringBuilder(Header).AppendLine();
        foreach (var record in result.Model!.Structs.Where(s => s.CName.Length > 0))
        {
            probe.AppendLine($"_Static_assert(sizeof({record.CName}) == {record.Size}, \"sizeof {record.CName} = {record.Size}\");");
            probe.AppendLine($"_Static_assert(_Alignof({record.CName}) == {record.Alignment}, \"_Alignof {record.CName} = {record.Alignment}\");");
            foreach (var field in record.Fields)
            {
                probe.AppendLine($"_Static_assert(offsetof({record.CName}, {field.CName}) == {field.Offset}, \"offsetof {record.CName}.{field.CName} = {field.Offset}\");");
            }
        }

        var clang = await ClangSyntaxCheck.RunAsync(triple, probe.ToString());

        Assert.True(clang.ExitCode == 0, $"clang disagrees with our {triple} layout:\n{clang.StandardError}");
        Assert.Equal(9, result.Model.Structs.Count);
    }

    [Fact]
    public void LongChangesLayoutOnWindows_AndTheExplicitStructSaysSo()
    {
        var result = TestHeaders.Compile("struct s { int i : 3; long l; };\nvoid f(struct s*);\n");

        var warning = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1031");
        Assert.Contains("x86_64-windows-msvc", warning.Message);
    }

    [Fact]
    public void PlainStructWithLong_IsSequential_SoCLongAdaptsAndNoWarningIsNeeded()
    {
        var result = TestHeaders.Compile("struct s { int i; long l; };\nvoid f(struct s*);\n");

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "INTEROP1031");
        Assert.True(Assert.Single(result.Model!.Structs).IsSequential);
    }

    [Fact]
    public void UnknownTarget_IsAnOptionError()
    {
        var result = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "t", "T", "T", target: "sparc-sun-solaris"), "int f(void);");

        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1050" && d.Message.Contains("sparc-sun-solaris"));
    }
}
