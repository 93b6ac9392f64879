namespace Interop.Generator.Syntax;

/// <summary>C's scalar types, by name; their sizes come from the target ABI the layout engine is built for.</summary>
public enum PrimitiveKind
{
    Void, Bool, Char, SChar, UChar, Short, UShort, Int, UInt, Long, ULong, LongLong, ULongLong,
    Int128, UInt128, Float, Double, LongDouble, Float128, VaList,

    /// <summary><c>_Float16</c> (and ARM's <c>__fp16</c>): IEEE binary16, <c>System.Half</c>.</summary>
    Float16,

    /// <summary><c>float _Complex</c>: two floats, real then imaginary.</summary>
    ComplexFloat,

    /// <summary><c>double _Complex</c>: two doubles, laid out as <c>System.Numerics.Complex</c>.</summary>
    ComplexDouble,

    /// <summary><c>long double _Complex</c>: two <c>long double</c>s.</summary>
    ComplexLongDouble,
}

/// <summary>A C type as the parser resolved it. Typedef names are kept so bindings can use them.</summary>
public abstract class CType
{
    public bool IsConst { get; private set; }

    public CType WithConst(bool isConst)
    {
        if (isConst == IsConst)
        {
            return this;
        }

        var copy = (CType)MemberwiseClone();
        copy.IsConst = isConst;
        return copy;
    }

    /// <summary>The type with every typedef looked through.</summary>
    public CType Canonical
    {
        get
        {
            // A loop, not recursion: a hostile header may chain thousands of typedefs.
            var type = this;
            while (type is TypedefType t)
            {
                type = t.Decl.Type;
            }

            return type;
        }
    }
}

public sealed class PrimitiveType : CType
{
    public PrimitiveType(PrimitiveKind kind) => Kind = kind;

    public PrimitiveKind Kind { get; }

    public override string ToString() => Kind.ToString();
}

public sealed class PointerType : CType
{
    public PointerType(CType pointee, bool is32Bit = false)
    {
        Pointee = pointee;
        Is32Bit = is32Bit;
    }

    public CType Pointee { get; }

    /// <summary>MSVC's <c>__ptr32</c>: a 4-byte pointer even on a 64-bit target.</summary>
    public bool Is32Bit { get; }
}

public sealed class ArrayType : CType
{
    public ArrayType(CType element, long? length)
    {
        Element = element;
        Length = length;
    }

    public CType Element { get; }

    /// <summary>Null for <c>[]</c>: a flexible array member or an incomplete array.</summary>
    public long? Length { get; }
}

public sealed class FunctionType : CType
{
    public FunctionType(CType returnType, IReadOnlyList<ParameterDecl> parameters, bool isVariadic, bool hasPrototype)
    {
        ReturnType = returnType;
        Parameters = parameters;
        IsVariadic = isVariadic;
        HasPrototype = hasPrototype;
    }

    public CType ReturnType { get; }
    public IReadOnlyList<ParameterDecl> Parameters { get; }
    public bool IsVariadic { get; }
    public bool HasPrototype { get; }
}

public sealed class RecordType : CType
{
    public RecordType(RecordDecl decl) => Decl = decl;

    public RecordDecl Decl { get; }
}

public sealed class EnumType : CType
{
    public EnumType(EnumDecl decl) => Decl = decl;

    public EnumDecl Decl { get; }
}

public sealed class TypedefType : CType
{
    public TypedefType(TypedefDecl decl) => Decl = decl;

    public TypedefDecl Decl { get; }
}
