namespace Interop.RealHeaders.Tests.Usage;

/// <summary>A cursor met while walking a translation unit: kind and spelling, and its parent's spelling.</summary>
public sealed record VisitedCursor(string Kind, string Spelling, string Parent);

/// <summary>What the libclang driver does through the generated bindings.</summary>
public interface ILibClangUsage
{
    /// <summary>
    /// Parses <paramref name="source"/> as an unsaved file named <paramref name="fileName"/> and walks
    /// every cursor with <c>clang_visitChildren</c> and a C# <c>[UnmanagedCallersOnly]</c> visitor.
    /// </summary>
    IReadOnlyList<VisitedCursor> Walk(string fileName, string source);
}

/// <summary>libclang through the generated bindings: parse a small C file and walk its cursors from C#.</summary>
public sealed class LibClangUsageTests
{
    private const string Source = """
        struct point { int x; int y; };
        enum color { RED, GREEN = 5 };
        int add(int a, int b) { return a + b; }
        """;

    private static readonly string[] DeclarationKinds = ["StructDecl", "FieldDecl", "EnumDecl", "EnumConstantDecl", "FunctionDecl", "ParmDecl"];

    private readonly ILibClangUsage _libclang = UsageAssembly.Driver<ILibClangUsage>("libclang");

    [Fact]
    public void A_CSharp_visitor_walks_every_declaration_of_a_parsed_file()
    {
        var cursors = _libclang.Walk("sample.c", Source);

        Assert.Equal(
            [
                new VisitedCursor("StructDecl", "point", "sample.c"),
                new VisitedCursor("FieldDecl", "x", "point"),
                new VisitedCursor("FieldDecl", "y", "point"),
                new VisitedCursor("EnumDecl", "color", "sample.c"),
                new VisitedCursor("EnumConstantDecl", "RED", "color"),
                new VisitedCursor("EnumConstantDecl", "GREEN", "color"),
                new VisitedCursor("FunctionDecl", "add", "sample.c"),
                new VisitedCursor("ParmDecl", "a", "add"),
                new VisitedCursor("ParmDecl", "b", "add"),
            ],
            cursors.Where(c => DeclarationKinds.Contains(c.Kind)));
    }

    [Fact]
    public void The_visitor_also_sees_statements_and_expressions() =>
        Assert.Contains(new VisitedCursor("ReturnStmt", "", ""), _libclang.Walk("sample.c", Source));
}
