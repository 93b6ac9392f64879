using System.Text.RegularExpressions;

namespace Interop.Generator.Tests.Architecture;

/// <summary>
/// The generator's stages depend one way: Frontend reads C into Syntax; Model (layout and binding) reads Syntax;
/// Emit reads only Model. Diagnostics and Options are shared ground. The root namespace (HeaderCompiler, the
/// incremental pipeline) wires the stages together and may use them all. A source scan, no Roslyn, no reflection:
/// a <c>using</c>, a qualified name or a root type that reaches the wrong way is a failure naming the file.
/// </summary>
public sealed class DependencyDirectionTests
{
    /// <summary>Each stage (the first namespace segment under Interop.Generator, and its folder) and what it may use.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Diagnostics"] = [],
        ["Options"] = ["Diagnostics"],
        ["Syntax"] = ["Diagnostics"],
        ["Frontend"] = ["Syntax", "Diagnostics"],
        ["Model"] = ["Syntax", "Diagnostics", "Options"],
        ["Emit"] = ["Model"],
    };

    private static readonly string GeneratorRoot = Path.Combine(RepositoryPaths.Root, "generator", "Interop.Generator");

    [Fact]
    public void GeneratorStages_DependOneWay()
    {
        var sources = GeneratorSources().ToList();
        var rootTypes = RootTypes(sources.Select(s => s.Text));
        Assert.Contains("HeaderCompiler", rootTypes);

        var violations = sources.SelectMany(s => Violations(s.Path, s.Text, rootTypes)).ToList();

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void EveryGeneratorFile_LivesInTheFolderOfItsStage()
    {
        var misplaced = new List<string>();
        foreach (var (path, text) in GeneratorSources())
        {
            var folder = Path.GetRelativePath(GeneratorRoot, path).Split(Path.DirectorySeparatorChar) is { Length: > 1 } parts ? parts[0] : null;
            var stage = StageOf(Namespace(StripComments(text)));
            if (folder != stage || (stage is not null && !Allowed.ContainsKey(stage)))
            {
                misplaced.Add($"{path}: folder '{folder ?? "(root)"}', namespace stage '{stage ?? "(root)"}'");
            }
        }

        Assert.True(misplaced.Count == 0, "each file's namespace must name its folder, and each folder must be a stage of Allowed:\n" + string.Join("\n", misplaced));
    }

    [Fact]
    public void Scan_FindsEachKindOfBackEdge()
    {
        var rootTypes = new HashSet<string>(StringComparer.Ordinal) { "HeaderCompiler" };
        string[] Check(string source) => Violations("x.cs", source, rootTypes).ToArray();

        Assert.Empty(Check("using Interop.Generator.Syntax;\nnamespace Interop.Generator.Model;\n// uses Interop.Generator.Frontend in a comment only\nclass A { string s = \"Frontend.Parser\"; }"));
        Assert.Contains("Frontend", Assert.Single(Check("using Interop.Generator.Frontend;\nnamespace Interop.Generator.Model;\nclass A { }")));
        Assert.Contains("Syntax", Assert.Single(Check("namespace Interop.Generator.Emit.Parameters;\nclass A { Interop.Generator.Syntax.CType t; }")));
        Assert.Contains("Model", Assert.Single(Check("namespace Interop.Generator.Frontend;\nclass A { Model.LayoutEngine e; }")));
        Assert.Contains("HeaderCompiler", Assert.Single(Check("namespace Interop.Generator.Syntax;\nclass A { object r = HeaderCompiler.Compile(null!, null!); }")));
    }

    internal static IEnumerable<string> Violations(string path, string source, IReadOnlyCollection<string> rootTypes)
    {
        var code = StripStrings(StripComments(source));
        var stage = StageOf(Namespace(code));
        if (stage is null || !Allowed.TryGetValue(stage, out var allowed))
        {
            yield break; // the root wires the stages together; unknown folders fail the folder test
        }

        // Fully qualified (usings included), and partly qualified names that resolve through the parent namespace.
        var used = Regex.Matches(code, @"\bInterop\.Generator\.(\w+)").Cast<Match>()
            .Concat(Regex.Matches(code, @"(?<![\w.])(Frontend|Syntax|Model|Emit|Options|Diagnostics)\.[A-Z]").Cast<Match>())
            .Select(m => m.Groups[1].Value)
            .Where(Allowed.ContainsKey)
            .Distinct(StringComparer.Ordinal);
        foreach (var target in used)
        {
            if (target != stage && !allowed.Contains(target))
            {
                yield return $"{path}: {stage} uses {target}, but {stage} may use only {(allowed.Length == 0 ? "nothing of ours" : string.Join(", ", allowed))}";
            }
        }

        // Types of the root namespace are visible from every stage without a using.
        foreach (var type in rootTypes.Where(t => Regex.IsMatch(code, $@"\b{t}\b")))
        {
            yield return $"{path}: {stage} uses {type}, a type of the root namespace that wires the stages together";
        }
    }

    private static IEnumerable<(string Path, string Text)> GeneratorSources() =>
        Directory.EnumerateFiles(GeneratorRoot, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p)));

    private static HashSet<string> RootTypes(IEnumerable<string> sources) =>
        sources.Select(s => StripStrings(StripComments(s))).Where(code => Namespace(code) == "Interop.Generator")
            .SelectMany(code => Regex.Matches(code, @"\b(?:class|record|struct|interface|enum)\s+(\w+)").Cast<Match>().Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    private static string? Namespace(string code) =>
        Regex.Match(code, @"^\s*namespace\s+([\w.]+)\s*[;{]", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;

    private static string? StageOf(string? ns) =>
        ns is not null && ns.StartsWith("Interop.Generator.", StringComparison.Ordinal) ? ns.Substring("Interop.Generator.".Length).Split('.')[0] : null;

    private static string StripComments(string source) =>
        Regex.Replace(source, @"//[^\n]*|/\*.*?\*/", "", RegexOptions.Singleline);

    private static string StripStrings(string code) =>
        Regex.Replace(code, @"""(?:\\.|[^""\\\n])*""", "\"\"");
}
