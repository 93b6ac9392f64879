namespace Interop.Generator.Frontend;

/// <summary>
/// Which comment documents a declaration (the rule is written out in docs/doc-comments.md):
/// <list type="bullet">
/// <item><b>before</b>: a run of comments ending on the line just above the declaration's first token;</item>
/// <item><b>trailing</b>: a comment starting on the line of its last token (<c>int x; /* count */</c>), or one written
/// <c>///&lt;</c> / <c>/**&lt;</c>;</item>
/// <item><b>below</b> (zlib): a comment starting on the line just below the last token, unless the declaration after it
/// starts on the line just below the comment (then it is that one's "before").</item>
/// </list>
/// Trailing wins over before (sqlite3's result codes have a group comment above and their own beside), before over
/// after. At file scope a comment before a line also documents the lines right below it, up to a blank line
/// (sqlite3 documents <c>sqlite3_close</c> and <c>sqlite3_close_v2</c> with one comment; the lexer passes it on):
/// the first line takes it whole, the others its first paragraph, so a long comment is not copied down a run of constants.
/// A comment with a blank line on both sides documents nothing; a licence banner or commented-out code neither.
/// </summary>
internal static class CommentAttachment
{
    /// <summary>
    /// The doc of a declaration whose comment before it (if any) is <paramref name="before"/> and which ends with
    /// <paramref name="ends"/> (the last token; for an enumerator, its value's end and then the comma).
    /// </summary>
    public static string? Resolve(string? before, params Token?[] ends)
    {
        foreach (var end in ends)
        {
            if (end?.Following is { } comment && (comment.IsTrailing || comment.PointsBack) && IsDocumentation(comment))
            {
                return comment.Text;
            }
        }

        if (before is not null)
        {
            return before;
        }

        foreach (var end in ends)
        {
            if (end is not null && Below(end) is { } below)
            {
                return below;
            }
        }

        return null;
    }

    /// <summary>The comment written before the declaration that starts with <paramref name="first"/>.</summary>
    public static string? Before(Token first) =>
        first.Leading is { PointsBack: false } comment && IsDocumentation(comment) ? (first.LeadingIsInherited ? comment.FirstParagraph : comment.Text) : null;

    /// <summary>zlib's style: the comment on the line below the last token, when no declaration follows it directly.</summary>
    private static string? Below(Token last)
    {
        if (last.Following is not { ClaimedByMacro: false, IsTrailing: false } comment || !IsDocumentation(comment))
        {
            return null;
        }

        var below = comment.FirstLine == last.Location.Line + 1;
        var openerOfNext = comment.NextTokenLine == comment.LastLine + 1 && !comment.NextTokenEndsScope;
        return below && !openerOfNext ? comment.Text : null;
    }

    /// <summary>The doc of a <c>#define</c>: before the <c>#</c>, or trailing after the line's last token. It is then taken.</summary>
    public static string? OfMacro(Token hash, Token last)
    {
        if (last.Following is { IsTrailing: true } trailing && IsDocumentation(trailing))
        {
            return trailing.Text;
        }

        if (hash.Leading is { PointsBack: false } before && IsDocumentation(before))
        {
            before.ClaimedByMacro = true;
            return hash.LeadingIsInherited ? before.FirstParagraph : before.Text;
        }

        return null;
    }

    /// <summary>Licence banners, commented-out code and empty comments are not documentation.</summary>
    private static bool IsDocumentation(SourceComment comment)
    {
        var text = comment.Text;
        if (text.Length == 0 || text.IndexOf("Copyright", StringComparison.Ordinal) >= 0
            || text.IndexOf("SPDX-License-Identifier", StringComparison.Ordinal) >= 0
            || text.IndexOf("Permission is hereby granted", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        // Commented-out code: a directive, or a last line that ends a statement or a block.
        var lastLine = text.Substring(text.LastIndexOf('\n') + 1).TrimEnd();
        return text[0] != '#' && !lastLine.EndsWith(";", StringComparison.Ordinal) && !lastLine.EndsWith("{", StringComparison.Ordinal) && !lastLine.EndsWith("}", StringComparison.Ordinal);
    }
}
