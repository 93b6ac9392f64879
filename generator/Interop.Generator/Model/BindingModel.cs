using Interop.Generator.Diagnostics;

namespace Interop.Generator.Model;

/// <summary>
/// Everything the emitter needs to write the bindings of one header: plain equatable records with
/// C# type names already chosen, no Roslyn symbols and no C front-end objects.
/// </summary>
public sealed record BindingModel(
    string HeaderFileName,
    string Namespace,
    string ClassName,
    string LibraryName,
    EquatableArray<ConstantModel> Constants,
    EquatableArray<EnumModel> Enums,
    EquatableArray<StructModel> Structs,
    EquatableArray<FunctionModel> Functions);

/// <summary>A <c>#define</c> or anonymous-enum constant as a C# <c>const</c> field.</summary>
public sealed record ConstantModel(string Name, string CSharpType, string Value, string? Doc);

public sealed record EnumModel(string Name, string UnderlyingType, EquatableArray<EnumMemberModel> Members, string? Doc);

public sealed record EnumMemberModel(string Name, string Value, string? Doc);

/// <summary>
/// A struct or union with explicit offsets from the layout engine; opaque types have no fields.
/// Members of anonymous structs and unions are flattened into it at their absolute offsets, so they
/// are reachable by their C names, as in C. <see cref="CName"/> spells the type in C
/// (<c>struct tag</c> or a typedef name), for probes that compare our layout with a C compiler's.
/// A plain struct (no bitfields, unions, packing or alignment attributes) is <see cref="IsSequential"/>:
/// .NET's sequential layout then reproduces C's on every target, <c>CLong</c> fields included.
/// </summary>
public sealed record StructModel(
    string Name,
    string CName,
    bool IsUnion,
    bool IsOpaque,
    bool IsSequential,
    long Size,
    long Alignment,
    EquatableArray<FieldModel> Fields,
    EquatableArray<BitfieldModel> Bitfields,
    EquatableArray<FixedBufferModel> Buffers,
    string? Doc);

/// <summary>A field at a byte offset. <see cref="CSharpType"/> may name a fixed buffer type for C arrays.</summary>
public sealed record FieldModel(string Name, string CName, string CSharpType, long Offset, string? Doc);

/// <summary>
/// A C bitfield, exposed as a property that reads and writes <see cref="Width"/> bits at
/// <see cref="Shift"/> within an integer storage field of <see cref="StorageSize"/> bytes at <see cref="StorageOffset"/>.
/// </summary>
public sealed record BitfieldModel(string Name, string CName, string CSharpType, bool IsSigned, long StorageOffset, int StorageSize, int Shift, int Width, long BitOffset, string? Doc)
{
    public string StorageName => $"_bitfield_{StorageOffset}_{StorageSize}";

    public string StorageType => StorageSize switch { 1 => "byte", 2 => "ushort", 4 => "uint", _ => "ulong" };
}

/// <summary>An <c>[InlineArray]</c> struct standing for a fixed-size C array field.</summary>
public sealed record FixedBufferModel(string Name, string ElementType, long Length);

public sealed record FunctionModel(string Name, string EntryPoint, string ReturnType, EquatableArray<ParameterModel> Parameters, string? Doc)
{
    /// <summary>The facade's signature: pointers become <c>nint</c> so mocking libraries can handle every member.</summary>
    public string FacadeReturnType => ParameterModel.ToFacadeType(ReturnType);
}

public sealed record ParameterModel(string Name, string CSharpType)
{
    public string FacadeType => ToFacadeType(CSharpType);

    internal static string ToFacadeType(string type) =>
        type.EndsWith("*", StringComparison.Ordinal) || type.EndsWith(">", StringComparison.Ordinal) && type.StartsWith("delegate*", StringComparison.Ordinal)
            ? "nint"
            : type;
}

/// <summary>The cached result of compiling one header: the model (null when nothing can be bound) and its diagnostics.</summary>
public sealed record HeaderResult(BindingModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
