using Xunit.Abstractions;

namespace Interop.RealHeaders.Tests.Oracle;

/// <summary>Fails with every difference listed (name, ours, clang's), after logging how much was checked.</summary>
public static class OracleAssert
{
    private const int MaxListed = 300;

    public static void NoMismatches(ITestOutputHelper output, string header, string what, int checkedCount, IReadOnlyList<Mismatch> mismatches)
    {
        output.WriteLine($"{header}: {checkedCount} {what} checked against clang-14, {mismatches.Count} differ");
        if (mismatches.Count == 0)
        {
            return;
        }

        var listed = string.Join("\n", mismatches.Take(MaxListed).Select(m => "  " + m));
        var more = mismatches.Count > MaxListed ? $"\n  ... and {mismatches.Count - MaxListed} more" : "";
        Assert.Fail($"{header}: {mismatches.Count} of {checkedCount} {what} differ from clang-14:\n{listed}{more}");
    }
}
