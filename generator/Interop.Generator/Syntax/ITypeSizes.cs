namespace Interop.Generator.Syntax;

/// <summary>
/// What the parser must ask of the target's layout rules while it reads C: <c>sizeof</c> and <c>_Alignof</c> in
/// constant expressions (array sizes, enum values), bitfield widths, a bare <c>aligned</c>. The layout engine
/// implements it; the parser sees only this, so the front-end never depends on the binding stage.
/// </summary>
internal interface ITypeSizes
{
    /// <summary>Size and alignment in bytes; throws <see cref="LayoutException"/> for a type that has none.</summary>
    (long Size, long Alignment) Measure(CType type);

    /// <summary>The size in bytes; throws <see cref="LayoutException"/> for a type that has none.</summary>
    long SizeOf(CType type);

    /// <summary>The C integer kind a value of this type promotes to in a constant expression, or null when it is not an integer.</summary>
    IntegerKind? IntegerKindOf(CType type);

    /// <summary>What a bare <c>__attribute__((aligned))</c> means: the largest alignment any type has on the target.</summary>
    long MaxAlignment { get; }

    /// <summary>The target's triple, for messages that say where a construct is refused.</summary>
    string Triple { get; }

    /// <summary>Whether <c>_Float16</c> is an arithmetic type on the target (clang-14: not on x86_64).</summary>
    bool HasFloat16 { get; }

    /// <summary>Whether clang reads Microsoft's extensions (<c>__ptr32</c>, <c>__ptr64</c>, <c>__unaligned</c>) for the target.</summary>
    bool HasMicrosoftExtensions { get; }
}
