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
    EquatableArray<FunctionModel> Functions,
    EquatableArray<HandleModel> Handles = default,
    bool EmitAmbient = true);

/// <summary>
/// A <c>SafeHandle</c> for a native object that a create/destroy pair owns: <see cref="ReleaseFunction"/>
/// frees it, so the object composes with <c>using</c> and is freed even if the code forgets.
/// </summary>
public sealed record HandleModel(string Name, string PointerType, string ReleaseFunction);

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
    string? Doc,
    StructAlignment AlignmentFix = default,
    EquatableArray<TrailingArrayModel> TrailingArrays = default);

/// <summary>
/// What an explicit struct needs so .NET gives it C's alignment, which embedding structs and arrays rely on:
/// <see cref="Pack"/> lowers the alignment its fields would give (packed structs, <c>#pragma pack</c>), and an
/// overlapping private field of <see cref="AnchorType"/> raises it (bitfield-only structs, <c>aligned(n)</c>).
/// </summary>
public readonly record struct StructAlignment(int Pack, string? AnchorType);

/// <summary>
/// A C flexible array member (<c>T x[]</c>) or GNU zero-length array (<c>T x[0]</c>): no storage in the struct,
/// reached through a span over the elements that follow the struct in memory, at <see cref="Offset"/>.
/// </summary>
public sealed record TrailingArrayModel(string Name, string CName, string ElementType, long Offset, string? Doc);

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

public sealed record FunctionModel(string Name, string EntryPoint, string ReturnType, EquatableArray<ParameterModel> Parameters, string? Doc, ValueShape ReturnShape = ValueShape.Raw, string? ReturnHandle = null, EquatableArray<SpanPairModel> Spans = default, bool SuppressGCTransition = false)
{
    /// <summary>True when a second, marshalling <c>[LibraryImport]</c> overload with friendlier parameter types is emitted.</summary>
    public bool HasFriendlyOverload => Parameters.Any(p => p.Shape != ValueShape.Raw);

    /// <summary>The facade's return type: strings for <c>const char*</c>, <c>bool</c> for <c>_Bool</c>, <c>nint</c> for other pointers.</summary>
    public string FacadeReturnType => ReturnShape switch
    {
        ValueShape.Utf8String => "string?",
        ValueShape.Bool => "bool",
        _ => ParameterModel.ToFacadeType(ReturnType),
    };
}

/// <summary>
/// How a C parameter or return value can be offered in friendlier C# than its raw blittable type,
/// letting the SDK's LibraryImport marshallers do the work.
/// </summary>
public enum ValueShape
{
    /// <summary>Only the raw type: pointers stay pointers.</summary>
    Raw,

    /// <summary><c>const char*</c>: a <c>string</c>, marshalled as UTF-8 (on the stack for short strings).</summary>
    Utf8String,

    /// <summary><c>_Bool</c>: a <c>bool</c> marshalled as one byte.</summary>
    Bool,

    /// <summary><c>T**</c>: <c>out T*</c>, the C idiom for returning a handle through a parameter.</summary>
    OutPointer,

    /// <summary>A non-const pointer to a number: <c>ref T</c>.</summary>
    RefScalar,

    /// <summary>A pointer to an object owned by a <see cref="HandleModel"/>: the handle is passed (and kept alive during the call).</summary>
    Handle,

    /// <summary><c>T**</c> filled by a creating function: <c>out</c> the handle that will free it.</summary>
    OutHandle,
}

/// <summary>A pointer and length parameter pair offered as one span (read-only when the pointee is const).</summary>
public sealed record SpanPairModel(string Pointer, string Length, string ElementType, bool ReadOnly, string LengthType)
{
    public string SpanType => ReadOnly ? $"global::System.ReadOnlySpan<{ElementType}>" : $"global::System.Span<{ElementType}>";

    /// <summary>The argument passed for the length: the span's length in the C parameter's type.</summary>
    public string LengthArgument => $"({LengthType}){Pointer}.Length";
}

public sealed record ParameterModel(string Name, string CSharpType, ValueShape Shape = ValueShape.Raw, string? HandleType = null)
{
    /// <summary>The pointee of a pointer type (<c>T*</c> → <c>T</c>).</summary>
    public string Pointee => CSharpType.Substring(0, CSharpType.Length - 1);

    /// <summary>The declaration in the friendly <c>[LibraryImport]</c> overload.</summary>
    public string FriendlyDeclaration => Shape switch
    {
        ValueShape.Utf8String => $"string? {Name}",
        ValueShape.Bool => $"[global::System.Runtime.InteropServices.MarshalAs(global::System.Runtime.InteropServices.UnmanagedType.U1)] bool {Name}",
        ValueShape.OutPointer => $"out {Pointee} {Name}",
        ValueShape.RefScalar => $"ref {Pointee} {Name}",
        ValueShape.Handle => $"{HandleType} {Name}",
        ValueShape.OutHandle => $"out {HandleType} {Name}",
        _ => $"{CSharpType} {Name}",
    };

    /// <summary>The type in the mockable facade: never a pointer, so Moq and NSubstitute can handle every member.</summary>
    public string FacadeDeclaration => Shape switch
    {
        ValueShape.Utf8String => $"string? {Name}",
        ValueShape.Bool => $"bool {Name}",
        ValueShape.OutPointer => $"out nint {Name}",
        ValueShape.RefScalar => $"ref {FacadeNumber(Pointee) ?? Pointee} {Name}",
        ValueShape.Handle => $"nint {Name}",
        ValueShape.OutHandle => $"out nint {Name}",
        _ => $"{FacadeType} {Name}",
    };

    public string FacadeType => ToFacadeType(CSharpType);

    internal static string ToFacadeType(string type) =>
        type.EndsWith("*", StringComparison.Ordinal) || type.EndsWith(">", StringComparison.Ordinal) && type.StartsWith("delegate*", StringComparison.Ordinal)
            ? "nint"
            : FacadeNumber(type) ?? type;

    /// <summary>C <c>long</c>/<c>unsigned long</c> leave the facade as <c>long</c>/<c>ulong</c>, which tests can write and Moq can match.</summary>
    internal static string? FacadeNumber(string type) => type switch
    {
        CLong => "long",
        CULong => "ulong",
        _ => null,
    };

    internal const string CLong = "global::System.Runtime.InteropServices.CLong";

    internal const string CULong = "global::System.Runtime.InteropServices.CULong";
}

/// <summary>The cached result of compiling one header: the model (null when nothing can be bound) and its diagnostics.</summary>
public sealed record HeaderResult(BindingModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
