namespace Interop.Generator.Model;

/// <summary>
/// A C# type in the binding model, as an equatable value: the binding stage decides types, the emitter spells
/// them (<c>Emit/TypeText</c>, the one place a type becomes text). Code that needs to know whether a type is a
/// pointer, C's <c>long</c> or <c>void</c> asks the value, never its spelling.
/// </summary>
public abstract record TypeRef
{
    public static TypeRef Void { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.Void);
    public static TypeRef Bool { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.Bool);
    public static TypeRef Byte { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.Byte);
    public static TypeRef SByte { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.SByte);
    public static TypeRef Short { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.Short);
    public static TypeRef UShort { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.UShort);
    public static TypeRef Int { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.Int);
    public static TypeRef UInt { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.UInt);
    public static TypeRef Long { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.Long);
    public static TypeRef ULong { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.ULong);
    public static TypeRef NInt { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.NInt);
    public static TypeRef NUInt { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.NUInt);
    public static TypeRef Char { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.Char);
    public static TypeRef Float { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.Float);
    public static TypeRef Double { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.Double);
    public static TypeRef String { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.String);
    public static TypeRef CLong { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.CLong);
    public static TypeRef CULong { get; } = new PrimitiveTypeRef(PrimitiveTypeKind.CULong);

    /// <summary><c>void</c>, as a return type (or, under a pointer, <c>void*</c>).</summary>
    public bool IsVoid => this is PrimitiveTypeRef { Kind: PrimitiveTypeKind.Void };

    /// <summary>
    /// A data or function pointer: the facade shows it as <c>nint</c>, and it cannot be an element of an inline
    /// array or a span. (A 32-bit <c>__ptr32</c> pointer is bound as a <c>uint</c>, not as a pointer.)
    /// </summary>
    public bool IsPointer => this is PointerTypeRef or FunctionPointerTypeRef;

    /// <summary>C's <c>long</c> or <c>unsigned long</c>: <c>CLong</c>/<c>CULong</c>, 4 bytes on Windows and 8 elsewhere.</summary>
    public bool IsCLong => this is PrimitiveTypeRef { Kind: PrimitiveTypeKind.CLong or PrimitiveTypeKind.CULong };

    /// <summary>A pointer to this type.</summary>
    public TypeRef Pointer() => new PointerTypeRef(this);
}

/// <summary>A built-in C# type. C's spelling is kept where it matters: C <c>long</c> is <see cref="PrimitiveTypeKind.CLong"/>, not <c>long</c>.</summary>
public sealed record PrimitiveTypeRef(PrimitiveTypeKind Kind) : TypeRef;

/// <summary>An unmanaged data pointer, <c>T*</c>.</summary>
public sealed record PointerTypeRef(TypeRef Pointee) : TypeRef;

/// <summary>An unmanaged C function pointer, <c>delegate* unmanaged[Cdecl]&lt;parameters..., return&gt;</c>.</summary>
public sealed record FunctionPointerTypeRef(EquatableArray<TypeRef> Parameters, TypeRef ReturnType) : TypeRef;

/// <summary>A type the bindings declare, by its C# name before keyword escaping (the emitter adds the <c>@</c>).</summary>
public sealed record NamedTypeRef(string Name, NamedTypeKind Kind) : TypeRef;

/// <summary>What a <see cref="NamedTypeRef"/> names.</summary>
public enum NamedTypeKind
{
    /// <summary>A struct or union, opaque or laid out.</summary>
    Struct,

    /// <summary>A named C enum.</summary>
    Enum,

    /// <summary>The <c>SafeHandle</c> that owns a native object.</summary>
    Handle,

    /// <summary>An <c>[InlineArray]</c> struct holding a fixed-size C array field.</summary>
    FixedBuffer,
}

/// <summary>The built-in C# types bindings use.</summary>
public enum PrimitiveTypeKind
{
    Void,
    Bool,
    Byte,
    SByte,
    Short,
    UShort,
    Int,
    UInt,
    Long,
    ULong,
    NInt,
    NUInt,
    Char,
    Float,
    Double,
    String,

    /// <summary><c>System.Half</c>, for <c>_Float16</c>.</summary>
    Half,

    /// <summary><c>System.Int128</c>, for <c>__int128</c>.</summary>
    Int128,

    /// <summary><c>System.UInt128</c>, for <c>unsigned __int128</c>.</summary>
    UInt128,

    /// <summary><c>System.Numerics.Complex</c>, for <c>double _Complex</c>.</summary>
    Complex,

    /// <summary>C's <c>long</c>: <c>System.Runtime.InteropServices.CLong</c>, 32-bit on Windows and 64-bit on LP64.</summary>
    CLong,

    /// <summary>C's <c>unsigned long</c>: <c>System.Runtime.InteropServices.CULong</c>.</summary>
    CULong,
}
