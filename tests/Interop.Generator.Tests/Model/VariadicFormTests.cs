using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

/// <summary>Variadic functions are bound only in the fixed-arity forms asked for, and only where the ABI allows it.</summary>
public sealed class VariadicFormTests
{
    private const string Header = "typedef struct handle handle;\ntypedef enum { OPT_A, OPT_B } option;\nint setopt(handle* h, option o, ...);\n";

    private static HeaderResult Bind(string? target, params string[] forms) =>
        TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "t", "T", "T", target: target, variadicForms: forms), Header);

    [Fact]
    public void WithoutForms_TheFunctionIsSkippedWithAHintHowToBindIt()
    {
        var result = Bind(null);

        Assert.Empty(result.Model!.Functions);
        var warning = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1021");
        Assert.Contains("VariadicForms=\"setopt(long);setopt(void*)\"", warning.Message);
    }

    [Fact]
    public void EachForm_BecomesAnOverloadWithTheSameEntryPoint()
    {
        var result = Bind(null, "setopt(long)", "setopt(void*)", "setopt(int, const char*)", "setopt( long )");

        Assert.Empty(result.Errors());
        var forms = result.Model!.Functions.Where(f => f.Name == "setopt").ToList();
        Assert.Equal(3, forms.Count); // "setopt( long )" is the first form again
        Assert.All(forms, f => Assert.Equal("setopt", f.EntryPoint));
        Assert.Equal(
            ["handle*,option,global::System.Runtime.InteropServices.CLong", "handle*,option,void*", "handle*,option,int,sbyte*"],
            forms.Select(f => string.Join(",", f.Parameters.Select(p => TypeText.Of(p.Type)))));
    }

    [Theory]
    [InlineData("setopt(double)")]
    [InlineData("setopt(float)")]
    [InlineData("setopt()")]
    [InlineData("setopt(not_a_type)")]
    public void FormsThatCannotBeCalledCorrectly_AreOptionErrors(string form)
    {
        var result = Bind(null, form);

        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1050" && d.Message.Contains(form));
        Assert.Empty(result.Model!.Functions);
    }

    [Fact]
    public void OnAppleArm64_FormsAreRefused_BecauseVariadicArgumentsGoOnTheStack()
    {
        var result = Bind("aarch64-apple-darwin", "setopt(long)");

        Assert.Empty(result.Model!.Functions);
        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1021" && d.Message.Contains("stack"));
    }
}
