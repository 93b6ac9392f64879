using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary>
/// The span shape: a pointer and length pair named by the span rule, offered as one <c>Span&lt;T&gt;</c> (read-only
/// when the pointee is const) in a plain C# overload, and as one <c>Memory&lt;T&gt;</c> in the facade.
/// </summary>
internal static class SpanPairs
{
    public static string SpanType(SpanPairModel pair) =>
        $"global::System.{(pair.ReadOnly ? "ReadOnlySpan" : "Span")}<{TypeText.Of(pair.ElementType)}>";

    /// <summary>
    /// The argument passed for the length: the span's length (an <c>int</c>, never negative) in the C parameter's type.
    /// A type narrower than <c>int</c> gets a checked conversion, so a span too long for the C length throws
    /// <see cref="System.OverflowException"/> instead of passing a truncated length; C's <c>long</c> goes through
    /// <c>CLong</c>'s constructor, and any <c>int</c> fits it on every target.
    /// </summary>
    public static string LengthArgument(SpanPairModel pair)
    {
        var length = $"{CSharpNames.Escape(pair.Pointer)}.Length";
        var type = TypeText.Of(pair.LengthType);
        return (pair.LengthType as PrimitiveTypeRef)?.Kind switch
        {
            PrimitiveTypeKind.Int => length,
            PrimitiveTypeKind.SByte or PrimitiveTypeKind.Byte or PrimitiveTypeKind.Short or PrimitiveTypeKind.UShort => $"checked(({type}){length})",
            PrimitiveTypeKind.CLong => $"new {type}((nint){length})",
            PrimitiveTypeKind.CULong => $"new {type}((nuint){length})",
            _ => $"({type}){length}",
        };
    }

    /// <summary>
    /// The overload for the span rule: spans stand for pointer and length pairs, are pinned, and the raw entry
    /// point is called with their address and length. Other parameters stay raw.
    /// </summary>
    public static void EmitOverload(SourceWriter w, FunctionModel function)
    {
        var pairs = function.Spans.ToDictionary(p => p.Pointer);
        var lengths = new HashSet<string>(function.Spans.Select(p => p.Length));
        var parameters = function.Parameters.Where(p => !lengths.Contains(p.Name))
            .Select(p => $"{(pairs.TryGetValue(p.Name, out var pair) ? SpanType(pair) : TypeText.Of(p.Type))} {CSharpNames.Escape(p.Name)}");
        var arguments = function.Parameters.Select(p =>
            pairs.ContainsKey(p.Name) ? PinnedName(p.Name)
            : function.Spans.FirstOrDefault(s => s.Length == p.Name) is { } lengthOf ? LengthArgument(lengthOf)
            : CSharpNames.Escape(p.Name));

        w.Line();
        w.Doc(function.Doc, function.Parameters.Where(p => !lengths.Contains(p.Name)).Select(p => p.Name));
        w.Open($"public static {TypeText.Of(function.ReturnType)} {CSharpNames.Escape(function.Name)}({string.Join(", ", parameters)})");
        foreach (var pair in function.Spans)
        {
            w.Line($"fixed ({TypeText.Of(pair.ElementType.Pointer())} {PinnedName(pair.Pointer)} = {CSharpNames.Escape(pair.Pointer)})");
        }

        var call = $"{CSharpNames.Escape(function.Name)}({string.Join(", ", arguments)});";
        w.Line("{");
        w.Line(function.ReturnType.IsVoid ? $"    {call}" : $"    return {call}");
        w.Line("}");
        w.Close();
    }

    /// <summary>
    /// The span pairs the facade takes as one <c>ReadOnlyMemory&lt;T&gt;</c> (const pointee) or <c>Memory&lt;T&gt;</c>:
    /// unlike spans, these are ordinary structs that Moq and NSubstitute can hold and match, and arrays convert to them.
    /// Pairs whose pointer has another friendly form (a string) or whose element is itself a pointer stay raw.
    /// </summary>
    public static List<SpanPairModel> FacadeBuffers(FunctionModel function) =>
        function.Spans.Where(pair => pair.ElementType is not PointerTypeRef
            && function.Parameters.Any(p => p.Name == pair.Pointer && (!function.HasFriendlyOverload || ParameterShapes.Of(p).CanBeFacadeBuffer))).ToList();

    public static string FacadeBufferDeclaration(SpanPairModel buffer) =>
        $"global::System.{(buffer.ReadOnly ? "ReadOnlyMemory" : "Memory")}<{TypeText.Of(buffer.ElementType)}> {CSharpNames.Escape(buffer.Pointer)}";

    private static string PinnedName(string pointer) => pointer + "Pointer";
}
