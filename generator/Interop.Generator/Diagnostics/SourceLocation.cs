namespace Interop.Generator.Diagnostics;

/// <summary>A position in a C source file: 1-based line and column, as compilers print them.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static readonly SourceLocation None = new("", 0, 0);

    public override string ToString() => $"{File}:{Line}:{Column}";
}
