using System.Text;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Frontend;

/// <summary>
/// The built-in <c>limits.h</c> and <c>stdint.h</c> (used when no system headers are read) give every target the
/// values clang-14's own freestanding headers give it: C <c>long</c> is 32-bit on Windows, <c>char</c> unsigned
/// on Linux/arm64, <c>wchar_t</c> 16-bit unsigned on Windows. Our constants become <c>_Static_assert</c>s that clang
/// compiles for the same triple.
/// </summary>
public sealed class BuiltinLimitsOracleTests
{
    private static readonly string[] Limits =
    [
        "CHAR_BIT", "SCHAR_MIN", "SCHAR_MAX", "UCHAR_MAX", "CHAR_MIN", "CHAR_MAX", "SHRT_MIN", "SHRT_MAX", "USHRT_MAX",
        "INT_MIN", "INT_MAX", "UINT_MAX", "LONG_MIN", "LONG_MAX", "ULONG_MAX", "LLONG_MIN", "LLONG_MAX", "ULLONG_MAX",
        "INT64_MIN", "INT64_MAX", "UINT64_MAX", "SIZE_MAX", "PTRDIFF_MIN", "PTRDIFF_MAX", "INTPTR_MIN", "INTPTR_MAX",
        "UINTPTR_MAX", "INTMAX_MIN", "INTMAX_MAX", "UINTMAX_MAX", "WCHAR_MIN", "WCHAR_MAX",
    ];

    public static TheoryData<string> Targets => new(Target.All.Select(t => t.Triple));

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task LimitMacros_HaveTheValuesClangGivesTheTarget(string triple)
    {
        var header = new StringBuilder("#include <limits.h>\n#include <stdint.h>\n");
        foreach (var name in Limits)
        {
            header.AppendLine($"#define OUR_{name} {name}");
        }

        var request = BindingRequest.Create(TestHeaders.MainPath, "test", "Test.Native", "TestLib", target: triple);
        var result = TestHeaders.Compile(request, header.ToString());
        Assert.Empty(result.Errors());

        var constants = result.Model!.Constants.ToDictionary(c => c.Name);
        Assert.Equal([], Limits.Where(name => !constants.ContainsKey("OUR_" + name)).ToArray());
        var probe = new StringBuilder("#include <limits.h>\n#include <stdint.h>\n");
        foreach (var name in Limits)
        {
            var constant = constants["OUR_" + name];
            var literal = CLiteral(constant.Value);
            probe.AppendLine($"_Static_assert((long long)({name}) == (long long){literal} && (({name}) < 0) == ({literal} < 0), \"{name}: ours is {constant.Value}\");");
        }

        var clang = await ClangSyntaxCheck.RunAsync(triple, probe.ToString());

        Assert.True(clang.ExitCode == 0, $"clang disagrees with our {triple} limits:\n{clang.StandardError}");
    }

    // Our C# constant text as a C integer literal: C# suffixes and the MinValue names of the most negative values.
    private static string CLiteral(string value) => value switch
    {
        "long.MinValue" => "(-9223372036854775807LL - 1)",
        "int.MinValue" => "(-2147483647 - 1)",
        _ when value.StartsWith('-') => $"({value.TrimEnd('L', 'l')}LL)",
        _ => $"{value.TrimEnd('L', 'l', 'U', 'u')}ULL",
    };
}
