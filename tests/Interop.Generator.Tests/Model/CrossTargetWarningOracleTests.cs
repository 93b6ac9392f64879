using System.Text.RegularExpressions;
using Interop.Generator.Model;
using Interop.Generator.Tests.Layout;

namespace Interop.Generator.Tests.Model;

/// <summary>
/// INTEROP1031 (an explicit layout differs on another target) checked against clang-14 for every pair of targets:
/// the warning appears exactly when clang lays the record out differently there, and names the target, member and
/// offsets clang computes. Each target reads the header with its own typedefs (int64_t is long on LP64, long long on
/// LLP64), which is what the check got wrong when it reused the primary target's.
/// </summary>
public sealed partial class CrossTargetWarningOracleTests
{
    // Every member is named fN, as ClangRecordLayouts expects; each record is one case.
    private const string Header = """
        #include <stddef.h>
        #include <stdint.h>
        struct s_int64 { char f0[24]; int64_t f1; int f2; };
        struct s_uint64 { char f0[3]; uint64_t f1; intmax_t f2; char f3; };
        struct s_long_array { long f0[3]; int f1; };
        struct s_size { char f0[3]; size_t f1; ptrdiff_t f2; intptr_t f3; };
        struct s_pointers { char f0[5]; void *f1; int (*f2)(int); char f3; };
        struct s_wchar { char f0[3]; wchar_t f1; short f2; };
        struct s_long_double { char f0[2]; long double f1; int f2; };
        struct s_bits { char f0 : 3; int f1 : 4; char f2 : 2; long long f3 : 40; short f4; };
        struct s_bits_long { unsigned f0 : 7; long f1 : 20; int f2; };
        struct s_bits_same { unsigned f0 : 3; unsigned f1 : 9; int32_t f2; };
        #pragma pack(push, 2)
        struct s_packed_pragma { char f0; int64_t f1; long f2; short f3; };
        #pragma pack(pop)
        struct s_packed_attr { char f0; long f1; int64_t f2; size_t f3; } __attribute__((packed));
        struct s_same { char f0[8]; int32_t f1; int16_t f2; int64_t f3; };
        struct s_bits_int64 { char f0[24]; int64_t f1; int f2; unsigned f3 : 3; };
        struct s_bits_wchar { unsigned f0 : 5; wchar_t f1; long double f2; };
        struct s_bits_pointer { unsigned long long f0 : 33; void *f1; uintptr_t f2 : 7; };
        #pragma pack(4)
        struct s_packed_size { char f0; size_t f1; void *f2; long f3; int64_t f4; };
        #pragma pack()
        """;

    private static readonly string[] Records = ["s_int64", "s_uint64", "s_long_array", "s_size", "s_pointers", "s_wchar", "s_long_double",
        "s_bits", "s_bits_long", "s_bits_same", "s_packed_pragma", "s_packed_attr", "s_same",
        "s_bits_int64", "s_bits_wchar", "s_bits_pointer", "s_packed_size"];

    private static readonly Lazy<Task<Dictionary<string, IReadOnlyDictionary<string, ClangRecord>>>> ClangLayouts = new(async () =>
    {
        var layouts = new Dictionary<string, IReadOnlyDictionary<string, ClangRecord>>();
        foreach (var target in Target.All)
        {
            layouts[target.Triple] = await ClangRecordLayouts.DumpAsync(Header, target.Triple, Records.Select(r => "struct " + r));
        }

        return layouts;
    });

    public static TheoryData<string> Targets => new(Target.All.Select(t => t.Triple));

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Warnings_AreExactlyTheDifferencesClangSees(string primary)
    {
        var clang = await ClangLayouts.Value;
        var uses = string.Join("\n", Records.Select(r => $"void use_{r}(struct {r} *p);"));
        var result = TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", target: primary), Header + "\n" + uses + "\n");
        Assert.Empty(result.Errors());

        var checkedExplicit = 0;
        foreach (var record in Records)
        {
            var model = Assert.Single(result.Model!.Structs, s => s.Name == record);
            var warning = result.Diagnostics.SingleOrDefault(d => d.Id == "INTEROP1031" && d.Message.Contains($"'{record}'"));
            if (model.IsSequential)
            {
                // A sequential struct is laid out by .NET from C#-typed fields (CLong, nuint) on whichever target runs it.
                Assert.Null(warning);
                continue;
            }

            checkedExplicit++;
            var expected = FirstDifference(clang, primary, record);
            if (expected is null)
            {
                Assert.True(warning is null, $"{record} on {primary}: clang lays it out the same on every target, yet: {warning?.Message}");
                continue;
            }

            Assert.True(warning is not null, $"{record} on {primary}: clang says it differs on {expected.Value.Target} ({expected.Value.Text}), but no INTEROP1031");
            Assert.Contains($"differs on {expected.Value.Target}: {expected.Value.Text};", warning!.Message);
            Assert.Equal((TestHeaders.MainPath, LineOf(record)), (warning.Location.File, warning.Location.Line));
        }

        Assert.True(checkedExplicit >= 8, $"only {checkedExplicit} records got an explicit layout; the corpus no longer tests the warning");
    }

    [Fact]
    public void Int64AfterAnArray_IsNotReportedAsMovingOnWindows()
    {
        // The bitfield makes the layout explicit, so the cross-target check runs; int64_t is 8 bytes on every target.
        var result = TestHeaders.Compile("#include <stdint.h>\nstruct s { char name[24]; int64_t price; int category; unsigned flags : 3; };\nvoid f(struct s*);\n");

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "INTEROP1031");
    }

    [Fact]
    public void AMemberOnlyAnotherTargetDeclares_IsComparedFromThatTargetsOwnReading()
    {
        var result = TestHeaders.Compile("struct s { int c : 3;\n#ifdef _WIN32\nint extra;\n#endif\nint tail; };\nvoid f(struct s*);\n");

        var warning = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1031");
        Assert.Contains("differs on x86_64-windows-msvc", warning.Message);
    }

    /// <summary>What the warning must say for <paramref name="record"/>: the first other target (in Target.All order) where clang differs, and how.</summary>
    private static (string Target, string Text)? FirstDifference(Dictionary<string, IReadOnlyDictionary<string, ClangRecord>> clang, string primary, string record)
    {
        var here = clang[primary]["struct " + record];
        foreach (var other in Target.All.Where(t => t.Triple != primary))
        {
            var there = clang[other.Triple]["struct " + record];
            foreach (var member in here.Members.Values.OrderBy(m => int.Parse(FieldNumber().Match(m.Name).Value)))
            {
                var theirs = there.Members[member.Name];
                if (Bits(theirs) != Bits(member))
                {
                    return (other.Triple, $"member '{member.Name}' is at {Position(theirs)} there and at {Position(member)} here");
                }
            }

            if (there.Size != here.Size)
            {
                return (other.Triple, $"it is {there.Size} bytes there and {here.Size} here");
            }

            if (there.Alignment != here.Alignment)
            {
                return (other.Triple, $"it is {there.Alignment}-byte aligned there and {here.Alignment} here");
            }
        }

        return null;
    }

    private static int LineOf(string record) =>
        Header.Split('\n').Select((line, i) => (line, i)).First(p => p.line.Contains($"struct {record} {{")).i + 1;

    private static long Bits(ClangMember member) => member.BitOffset ?? member.Offset * 8;

    private static string Position(ClangMember member) => member.BitWidth is null ? $"byte {member.Offset}" : $"bit {member.BitOffset}";

    [GeneratedRegex(@"\d+")]
    private static partial Regex FieldNumber();
}
