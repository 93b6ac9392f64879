namespace Interop.Generator.Emit;

/// <summary>One emitted C# file: the hint name the generator registers and the CLI writes to disk.</summary>
public sealed record GeneratedFile(string HintName, string Text);
