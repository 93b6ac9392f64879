using System.Xml.Linq;
using Interop.RealHeaders.Tests.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Interop.RealHeaders.Tests.Docs;

/// <summary>
/// The header's own documentation reaches IntelliSense: the generated bindings, compiled with documentation on, carry
/// zlib's, sqlite3's and libclang's comments as well-formed XML docs, on the binding and on the facade member.
/// </summary>
public class HeaderDocCommentsTests
{
    private static readonly string[] DocWarnings = ["CS1570", "CS1572", "CS1573", "CS1580", "CS1584", "CS1658"];

    [Theory]
    [InlineData("zlib", "RealHeaders.Zlib.Zlib", "deflate", "deflate compresses as much data as possible, and stops when the input")]
    [InlineData("sqlite3", "RealHeaders.Sqlite3.Sqlite3", "sqlite3_close", "Closing A Database Connection")]
    [InlineData("libclang", "RealHeaders.LibClang.LibClang", "clang_createIndex", "Provides a shared context for creating translation units.")]
    public void Binding_And_FacadeMember_CarryTheHeadersDocumentation(string id, string className, string function, string firstSentence)
    {
        var compilation = WithDocumentation(BoundHeader.Get(id).Compilation.Compilation);
        var bindings = compilation.GetTypeByMetadataName(className)!;
        var facade = compilation.GetTypeByMetadataName(Namespace(className) + ".I" + bindings.Name)!;

        foreach (var member in new[] { bindings.GetMembers(function).First(), facade.GetMembers(function).Single() })
        {
            var xml = XElement.Parse(member.GetDocumentationCommentXml()!); // throws when malformed
            var summary = Normalize(xml.Element("summary")!.Value);
            Assert.Contains(firstSentence, summary);
        }
    }

    [Fact]
    public void LibclangParams_BecomeParamTags_OnlyForTheSignaturesNames()
    {
        var compilation = WithDocumentation(BoundHeader.Get("libclang").Compilation.Compilation);
        var method = compilation.GetTypeByMetadataName("RealHeaders.LibClang.LibClang")!.GetMembers("clang_createIndex").OfType<IMethodSymbol>().First();
        var xml = XElement.Parse(method.GetDocumentationCommentXml()!);
        Assert.DoesNotContain("\\param", xml.ToString());
        Assert.DoesNotContain("\\code", xml.ToString());
        Assert.Contains("clang_createIndex(1, 1);", xml.Descendants("code").Single().Value);
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("sqlite3")]
    [InlineData("libclang")]
    [InlineData("curl")]
    public void GeneratedDocs_CompileWithoutXmlDocWarnings(string id)
    {
        var compilation = WithDocumentation(BoundHeader.Get(id).Compilation.Compilation);
        var warnings = compilation.GetDiagnostics().Where(d => DocWarnings.Contains(d.Id)).Take(10).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    [Fact]
    public void ZlibStreamFields_TakeTheirTrailingComments()
    {
        var compilation = WithDocumentation(BoundHeader.Get("zlib").Compilation.Compilation);
        var field = compilation.GetTypeByMetadataName("RealHeaders.Zlib.z_stream")!.GetMembers("avail_in").Single();
        Assert.Equal("number of bytes available at next_in", Normalize(XElement.Parse(field.GetDocumentationCommentXml()!).Element("summary")!.Value));
    }

    [Fact]
    public void LicenceBanner_DocumentsNothing()
    {
        // zlib.h opens with its licence; no generated doc may quote it.
        var text = string.Join("\n", Interop.Generator.Emit.BindingsEmitter.Emit(BoundHeader.Get("zlib").Model).Select(f => f.Text));
        Assert.DoesNotContain("Jean-loup Gailly", text);
        Assert.DoesNotContain("Copyright", text);
    }

    private static CSharpCompilation WithDocumentation(CSharpCompilation compilation)
    {
        var trees = compilation.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), ((CSharpParseOptions)t.Options).WithDocumentationMode(DocumentationMode.Diagnose)));
        return compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
    }

    private static string Namespace(string className) => className.Substring(0, className.LastIndexOf('.'));

    private static string Normalize(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
