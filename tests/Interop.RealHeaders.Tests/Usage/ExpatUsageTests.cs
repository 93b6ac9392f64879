namespace Interop.RealHeaders.Tests.Usage;

/// <summary>What the expat driver does through the generated bindings.</summary>
public interface IExpatUsage
{
    /// <summary>
    /// Parses <paramref name="xml"/> with C# <c>[UnmanagedCallersOnly]</c> start, end and character-data
    /// handlers; returns what they saw, or the error, its <c>XML_ErrorString</c> and line.
    /// </summary>
    (IReadOnlyList<string> Events, string? Error) Parse(string xml);
}

/// <summary>expat through the generated bindings: a SAX parse with C# callbacks.</summary>
public sealed class ExpatUsageTests
{
    private readonly IExpatUsage _expat = UsageAssembly.Driver<IExpatUsage>("expat");

    [Fact]
    public void Callbacks_see_elements_attributes_and_text()
    {
        var (events, error) = _expat.Parse("<root version='2'><item id='a'>hello</item><item id='b' kind='empty'/></root>");

        Assert.Null(error);
        Assert.Equal(
            ["start root version=2", "start item id=a", "text hello", "end item", "start item id=b kind=empty", "end item", "end root"],
            events);
    }

    [Fact]
    public void A_malformed_document_reports_expats_error_and_line()
    {
        var (_, error) = _expat.Parse("<root>\n<a>\n</b>\n</root>");

        Assert.Equal("line 3: mismatched tag", error);
    }
}
