using Interop.Generator.Diagnostics;

namespace Interop.Generator.Syntax;

/// <summary>
/// A type whose size passes what the layout arithmetic can hold (arrays of arrays multiplying past 2^58 bytes, a
/// struct of such members). Reported as INTEROP1035 at <see cref="Location"/>, the member that made it too large.
/// </summary>
internal sealed class TypeTooLargeException : LayoutException
{
    public TypeTooLargeException(string message, SourceLocation? location = null)
        : base(message) => Location = location;

    /// <summary>The member whose size broke the limit, once a record's layout knows it; null while only a type is measured.</summary>
    public SourceLocation? Location { get; }
}
