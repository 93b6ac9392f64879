namespace Interop.Generator.Frontend;

/// <summary>
/// Which comment documents a declaration (the rule is written out in docs/doc-comments.md):
/// <list type="bullet">
/// <item><b>before</b>: a run of comments ending on the line just above the declaration's first token;</item>
/// <item><b>trailing</b>: a comment starting on the line of its last token (<c>int x; /* count */</c>), or one written
/// <c>///&lt;</c> / <c>/**&lt;</c>;</item>
/// <item><b>after</b> (zlib): a comment starting on the line just below the last token, unless the declaration after it
/// starts on the line just below the comment (then it is that one's "before").</item>
/// </list>
/// Before wins over trailing and after. A comment with a blank line on both sides documents nothing; a licence
/// banner or commented-out code documents nothing either.
/// </summary>
internal static class CommentAttachment
{
    /// <summary>The doc of a declaration that starts at <paramref name="first"/> and ends with <paramref name="last"/>.</summary>
    public static string? Of(Token first, Token? last) => Before(first) ?? (last is null ? null : After(last));

    /// <summary>The comment written before the declaration that starts with <paramref name="first"/>.</summary>
    public static string? Before(Token first) =>
        first.Leading is { PointsBack: false } comment && IsDocumentation(comment) ? comment.Text : null;

    /// <summary>The comment written on the line of <paramref name="last"/> or below it, if the header's style gives it to this declaration.</summary>
    public static string? After(Token last)
    {
        if (last.Following is not { ClaimedByMacro: false } comment || !IsDocumentation(comment))
        {
            return null;
        }

        if (comment.IsTrailing || comment.PointsBack)
        {
            return comment.Text;
        }

        var below = comment.FirstLine == last.Location.Line + 1;
        var openerOfNext = comment.NextTokenLine == comment.LastLine + 1 && !comment.NextTokenEndsScope;
        return below && !openerOfNext ? comment.Text : null;
    }

    /// <summary>The doc of a <c>#define</c>: before the <c>#</c>, or trailing after the line's last token. It is then taken.</summary>
    public static string? OfMacro(Token hash, Token last)
    {
        if (hash.Leading is { PointsBack: false } before && IsDocumentation(before))
        {
            before.ClaimedByMacro = true;
            return before.Text;
        }

        return last.Following is { IsTrailing: true } trailing && IsDocumentation(trailing) ? trailing.Text : null;
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
