namespace Interop.Generator.Syntax;

/// <summary>
/// One <c>MacroSignatures</c> entry (<c>name(type, type) -> type</c>) with its C types read by the header's own parser,
/// so <c>z_streamp</c> or <c>size_t</c> mean what the header says. A type the parser does not know leaves
/// <see cref="Parameters"/> and <see cref="Result"/> null and is named in <see cref="Unresolved"/>.
/// </summary>
/// <param name="Entry">The entry as written, for messages.</param>
/// <param name="Macro">The macro it is for.</param>
/// <param name="Parameters">The parameter types in order (empty for <c>()</c> and <c>(void)</c>).</param>
public sealed record MacroSignature(string Entry, string Macro, IReadOnlyList<CType>? Parameters, CType? Result, string? Unresolved);
