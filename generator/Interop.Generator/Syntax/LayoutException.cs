namespace Interop.Generator.Syntax;

/// <summary>
/// Raised for a type that has no layout (incomplete, void, a function). It is part of the <see cref="ITypeSizes"/>
/// contract, so the parser (asking for a <c>sizeof</c>) and the binding stage both turn it into a diagnostic.
/// </summary>
internal class LayoutException : Exception
{
    public LayoutException(string message)
        : base(message)
    {
    }
}
