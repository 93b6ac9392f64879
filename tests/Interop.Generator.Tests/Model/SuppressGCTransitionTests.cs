using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

/// <summary>Only the functions the user marks are declared with [SuppressGCTransition].</summary>
public sealed class SuppressGCTransitionTests
{
    [Fact]
    public void MarkedFunctions_GetTheAttribute_OthersDoNot()
    {
        var request = BindingRequest.Create(TestHeaders.MainPath, "t", "T", "T", suppressGCTransition: ["fast"]);
        var text = BindingsEmitter.Emit(TestHeaders.Compile(request, "int fast(int x);\nint slow(int x);\n").Model!)[0].Text;

        var attribute = text.IndexOf("SuppressGCTransition]", StringComparison.Ordinal);
        var fast = text.IndexOf("public static partial int fast(", StringComparison.Ordinal);
        var slow = text.IndexOf("public static partial int slow(", StringComparison.Ordinal);

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "SuppressGCTransition]"));
        Assert.True(attribute > 0 && attribute < fast && fast < slow, text); // the one attribute sits on fast
    }
}
