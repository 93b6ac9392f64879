namespace Interop.Generator.Frontend;

/// <summary>
/// A run of comments the lexer saw between two tokens, with no blank line inside it, kept as a span of the source
/// (no copy until its text is asked for). <see cref="CommentAttachment"/> decides which declaration, if any, it documents.
/// </summary>
internal sealed class SourceComment
{
    private readonly string _source;
    private string? _text;

    public SourceComment(string source, int start, int end, int firstLine, int lastLine, bool trailing)
    {
        _source = source;
        Start = start;
        End = end;
        FirstLine = firstLine;
        LastLine = lastLine;
        IsTrailing = trailing;
        PointsBack = end - start > 3 && source[start + 3] == '<' && source[start + 2] is '*' or '/' or '!';
    }

    public int Start { get; }

    /// <summary>One past the last character of the last comment of the run.</summary>
    public int End { get; private set; }

    public int FirstLine { get; }

    public int LastLine { get; private set; }

    /// <summary>It starts on the line of the token before it (<c>int x; /* count */</c>).</summary>
    public bool IsTrailing { get; }

    /// <summary>Written <c>///&lt;</c>, <c>/**&lt;</c> or <c>//!&lt;</c>: it documents what precedes it.</summary>
    public bool PointsBack { get; }

    /// <summary>The line of the token after the run, or <see cref="int.MaxValue"/> when the file ends first.</summary>
    public int NextTokenLine { get; set; } = int.MaxValue;

    /// <summary>The token after the run closes a scope or starts a directive, so it is no declaration to document.</summary>
    public bool NextTokenEndsScope { get; set; }

    /// <summary>A <c>#define</c> took it as its documentation, so no declaration before it may.</summary>
    public bool ClaimedByMacro { get; set; }

    /// <summary>The comment's words, markers and leading asterisks stripped, lines kept.</summary>
    public string Text => _text ??= DocCommentText.FromSource(_source, Start, End);

    /// <summary>The text up to its first blank line: what the lines below the first of a run take (sqlite3's groups).</summary>
    public string FirstParagraph => Text.IndexOf("\n\n", StringComparison.Ordinal) is var end and >= 0 ? Text.Substring(0, end) : Text;

    /// <summary>Extends the run with a comment that follows it on the next line.</summary>
    public void Extend(int end, int lastLine)
    {
        End = end;
        LastLine = lastLine;
        _text = null;
    }
}
