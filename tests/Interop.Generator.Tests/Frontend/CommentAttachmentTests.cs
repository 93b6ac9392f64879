using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Frontend;

/// <summary>The rule of docs/doc-comments.md: which comment documents which declaration, and how it is converted.</summary>
public class CommentAttachmentTests
{
    private static BindingModel Bind(string text)
    {
        var result = TestHeaders.Compile(text);
        Assert.True(result.Errors().Length == 0, result.Errors());
        return result.Model!;
    }

    private static string? FunctionDoc(BindingModel model, string name) => model.Functions.Single(f => f.Name == name).Doc;

    [Fact]
    public void ZlibStyle_TheBlockBelowAPrototypeIsItsDoc()
    {
        var model = Bind("int deflate(int flush);\n/*\n     deflate compresses.\n*/\n\nint deflateEnd(int s);\n/* frees. */\n");
        Assert.Equal("deflate compresses.", FunctionDoc(model, "deflate"));
        Assert.Equal("frees.", FunctionDoc(model, "deflateEnd"));
    }

    [Fact]
    public void ACommentRightAboveTheNextDeclaration_IsThatOnesNotThePreviousOnes()
    {
        var model = Bind("int a(void);\n/* about b */\nint b(void);\n");
        Assert.Null(FunctionDoc(model, "a"));
        Assert.Equal("about b", FunctionDoc(model, "b"));
    }

    [Fact]
    public void ACommentWithBlankLinesOnBothSides_DocumentsNothing()
    {
        var model = Bind("int a(void);\n\n/* basic functions */\n\nint b(void);\n");
        Assert.Null(FunctionDoc(model, "a"));
        Assert.Null(FunctionDoc(model, "b"));
    }

    [Fact]
    public void LicenceBannersAndCommentedOutCode_AreNotDocs()
    {
        var model = Bind("/* Copyright (C) 1995 Someone */\nint a(void);\n/* int old(void); */\nint b(void);\n");
        Assert.Null(FunctionDoc(model, "a"));
        Assert.Null(FunctionDoc(model, "b"));
    }

    [Fact]
    public void TrailingComments_DocumentFieldsEnumeratorsAndMacros_AndWinOverAGroupComment()
    {
        var model = Bind("/* Result codes */\n#define OK 0 /* Successful result */\n#define ERR 1\n\nstruct s {\n    int count; /* how many */\n    int size; /**< in bytes */\n};\nenum e { E_A = 1, /* first */ E_B /* second */ };\n");
        Assert.Equal("Successful result", model.Constants.Single(c => c.Name == "OK").Doc);
        Assert.Equal("Result codes", model.Constants.Single(c => c.Name == "ERR").Doc); // sqlite3's group comment carries down
        var fields = model.Structs.Single(s => s.Name == "s").Fields;
        Assert.Equal("how many", fields.Single(f => f.Name == "count").Doc);
        Assert.Equal("in bytes", fields.Single(f => f.Name == "size").Doc);
        var members = model.Enums.Single().Members;
        Assert.Equal("first", members.Single(m => m.Name == "E_A").Doc);
        Assert.Equal("second", members.Single(m => m.Name == "E_B").Doc);
    }

    [Fact]
    public void SqliteStars_AreStripped()
    {
        var model = Bind("/*\n** CAPI3REF: Closing\n** ^Calling it is fine.\n*/\nint close_it(void *db);\n");
        Assert.Equal("CAPI3REF: Closing\n^Calling it is fine.", FunctionDoc(model, "close_it"));
    }

    [Fact]
    public void Doxygen_BecomesXmlDoc_EscapedOnce_ParamsOnlyForTheSignature()
    {
        var w = new SourceWriter();
        w.Doc("\\brief Adds a < b & c.\n\\param[in] a the \\c first one\n\\param gone not in C#\n\\returns the sum\n\\code\nx = a<b;\n\\endcode\n\\note careful", ["a", "b"]);
        var text = w.ToString();
        Assert.Contains("/// <summary>\n/// Adds a &lt; b &amp; c.\n/// </summary>", text);
        Assert.Contains("/// <param name=\"a\">the <c>first</c> one</param>", text);
        Assert.Contains("/// <param name=\"b\"></param>", text); // every parameter once one is documented (CS1573)
        Assert.DoesNotContain("name=\"gone\"", text); // no CS1572
        Assert.Contains("<c>gone</c>: not in C#", text);
        Assert.Contains("/// <returns>\n/// the sum\n", text); // the \\code right below continues the returns paragraph, as in Doxygen
        Assert.Contains("/// x = a&lt;b;", text);
        Assert.Contains("Note: careful", text);
        Assert.DoesNotContain("&amp;lt;", text);
        System.Xml.Linq.XElement.Parse("<doc>" + text.Replace("///", "") + "</doc>");
    }

    [Fact]
    public void MacroMethodFallbackSummary_IsNotEscapedTwice()
    {
        var w = new SourceWriter();
        w.Doc(null, ["x"], "The C macro <c>M</c>, bound as a method.");
        Assert.Equal("/// <summary>\n/// The C macro <c>M</c>, bound as a method.\n/// </summary>\n", w.ToString());
    }
}
