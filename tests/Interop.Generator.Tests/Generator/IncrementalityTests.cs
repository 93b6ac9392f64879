using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

/// <summary>The header is parsed once and then served from the incremental cache until it changes.</summary>
public sealed class IncrementalityTests
{
    private const string Header1 = "int f(int a);\nstruct s { int x; };\nint g(struct s* p);\n";

    [Fact]
    public void UnrelatedCSharpEdit_IsServedFromTheCache()
    {
        var compilation = Compilation("class A { }");
        var driver = Driver([Header("/src/h.h", Header1)]).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }", CSharpOptions));
        driver = driver.RunGenerators(edited);

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        AssertAllOutputs(steps[BindingsGenerator.CompileStep], IncrementalStepRunReason.Cached);
        AssertAllOutputs(steps[BindingsGenerator.InputFilesStep], IncrementalStepRunReason.Cached);
        AssertAllOutputs(steps[BindingsGenerator.SharedTypesStep], IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EditingOneOfTwoHeaders_LeavesTheOtherOnesModelUnchanged()
    {
        var compilation = Compilation();
        var items = new[] { Header("/src/a.h", Header1, className: "A"), Header("/src/b.h", Header1, className: "B") };
        var driver = Driver(items, out var texts).RunGenerators(compilation);

        driver = driver.ReplaceAdditionalText(texts[1], new InMemoryAdditionalText("/src/b.h", Header1 + "int h(void);\n"));
        driver = driver.RunGenerators(compilation);

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        var reasons = steps[BindingsGenerator.CompileStep].SelectMany(s => s.Outputs).Select(o => o.Reason).OrderBy(r => r).ToList();
        // Every header sees the whole file set (any file may be an include), so both compile again, but only the
        // edited one's model differs: the other is Unchanged, and the steps after it see an equal value.
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged], reasons);
        AssertAllOutputs(steps[BindingsGenerator.SharedTypesStep], IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void RerunWithNothingChanged_DoesNotRecompileTheHeader()
    {
        var compilation = Compilation();
        var driver = Driver([Header("/src/h.h", Header1)]).RunGenerators(compilation);

        driver = driver.RunGenerators(compilation);

        AssertAllOutputs(driver.GetRunResult().Results.Single().TrackedSteps[BindingsGenerator.CompileStep], IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EditingTheHeader_RecompilesIt_AndTheNewFunctionAppears()
    {
        var compilation = Compilation();
        var driver = Driver([Header("/src/h.h", Header1)], out var texts).RunGenerators(compilation);

        driver = driver.ReplaceAdditionalText(texts[0], new InMemoryAdditionalText("/src/h.h", Header1 + "int h(void);\n"));
        driver = driver.RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        var outputs = result.TrackedSteps[BindingsGenerator.CompileStep].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        var bindings = result.GeneratedSources.Single(s => s.HintName.EndsWith("TestLib.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("public static partial int h();", bindings);
    }

    [Fact]
    public void EditingAnIncludedHeader_RecompilesTheHeaderThatIncludesIt()
    {
        var compilation = Compilation();
        var items = new[] { Header("/src/a.h", "#include \"b.h\"\nint f(b_t x);\n"), Include("/src/b.h", "typedef int b_t;\n") };
        var driver = Driver(items, out var texts).RunGenerators(compilation);

        driver = driver.ReplaceAdditionalText(texts[1], new InMemoryAdditionalText("/src/b.h", "typedef long long b_t;\n"));
        driver = driver.RunGenerators(compilation);

        var bindings = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith("TestLib.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("public static partial int f(long x);", bindings);
    }

    private static void AssertAllOutputs(IEnumerable<IncrementalGeneratorRunStep> steps, IncrementalStepRunReason expected)
    {
        var outputs = steps.SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(expected, o.Reason));
    }
}
