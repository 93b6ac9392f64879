using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>The one place a <see cref="TypeRef"/> becomes C# text: fully qualified where a name could be shadowed, keywords escaped.</summary>
internal static class TypeText
{
    public static string Of(TypeRef type)
    {
        // A loop for pointer levels: a hostile header may stack thousands of them.
        var stars = 0;
        while (type is PointerTypeRef pointer)
        {
            stars++;
            type = pointer.Pointee;
        }

        var text = type switch
        {
            PrimitiveTypeRef primitive => Primitive(primitive.Kind),
            FunctionPointerTypeRef function => $"delegate* unmanaged[Cdecl]<{string.Join(", ", function.Parameters.Append(function.ReturnType).Select(Of))}>",
            NamedTypeRef named => CSharpNames.Escape(named.Name),
            _ => throw new InvalidOperationException($"no spelling for {type}"),
        };
        return stars == 0 ? text : text + new string('*', stars);
    }

    private static string Primitive(PrimitiveTypeKind kind) => kind switch
    {
        PrimitiveTypeKind.Void => "void",
        PrimitiveTypeKind.Bool => "bool",
        PrimitiveTypeKind.Byte => "byte",
        PrimitiveTypeKind.SByte => "sbyte",
        PrimitiveTypeKind.Short => "short",
        PrimitiveTypeKind.UShort => "ushort",
        PrimitiveTypeKind.Int => "int",
        PrimitiveTypeKind.UInt => "uint",
        PrimitiveTypeKind.Long => "long",
        PrimitiveTypeKind.ULong => "ulong",
        PrimitiveTypeKind.NInt => "nint",
        PrimitiveTypeKind.NUInt => "nuint",
        PrimitiveTypeKind.Char => "char",
        PrimitiveTypeKind.Float => "float",
        PrimitiveTypeKind.Double => "double",
        PrimitiveTypeKind.String => "string",
        PrimitiveTypeKind.Half => "global::System.Half",
        PrimitiveTypeKind.Int128 => "global::System.Int128",
        PrimitiveTypeKind.UInt128 => "global::System.UInt128",
        PrimitiveTypeKind.Complex => "global::System.Numerics.Complex",
        PrimitiveTypeKind.CLong => "global::System.Runtime.InteropServices.CLong",
        PrimitiveTypeKind.CULong => "global::System.Runtime.InteropServices.CULong",
        _ => throw new InvalidOperationException($"no spelling for {kind}"),
    };
}
