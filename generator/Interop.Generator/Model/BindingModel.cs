using Interop.Generator.Diagnostics;

namespace Interop.Generator.Model;

/// <summary>
/// Everything the emitter needs to write the bindings of one header: plain equatable records with
/// C# types already chosen as <see cref="TypeRef"/> values, no Roslyn symbols and no C front-end objects.
/// Names are the C names as bound (the naming contract); the emitter escapes C# keywords.
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
    bool EmitAmbient = true,
    EquatableArray<MacroMethodModel> MacroMethods = default,
    ShimModel? Shim = null,
    EquatableArray<FunctionPointerTypedefModel> FunctionPointers = default);

/// <summary>
/// A C typedef of a function pointer (<c>typedef int (*visit_fn)(const item*, void*)</c>) as a named C# type: a readonly
/// struct wrapping the raw <c>delegate* unmanaged[Cdecl]</c>, convertible to and from it both ways.
/// </summary>
public sealed record FunctionPointerTypedefModel(string Name, FunctionPointerTypeRef Type, EquatableArray<string> ParameterNames, string? Doc);

/// <summary>
/// A callback parameter and the <c>void*</c> user-data parameter the function passes back to it (<c>sqlite3_exec</c>'s
/// <c>callback</c> and <c>arg</c>, <c>qsort_r</c>'s <c>compar</c> and <c>arg</c>), offered together as one C# delegate.
/// <see cref="UserDataSlot"/> is the callback parameter that receives the user data; the delegate takes the others.
/// <see cref="AfterThrow"/> is the C# literal the trampoline returns to C once the delegate threw (null: <c>default</c>).
/// </summary>
public sealed record CallbackPairModel(string Callback, string UserData, int UserDataSlot, string DelegateName, FunctionPointerTypeRef Signature, EquatableArray<string> ParameterNames, string? AfterThrow);

/// <summary>
/// A <c>SafeHandle</c> for a native object that a create/destroy pair owns: <see cref="ReleaseFunction"/>
/// frees it, so the object composes with <c>using</c> and is freed even if the code forgets.
/// </summary>
public sealed record HandleModel(string Name, TypeRef PointerType, string ReleaseFunction);

/// <summary>
/// A <c>#define</c> or anonymous-enum constant as a C# <c>const</c> field. <see cref="Value"/> is the C# literal,
/// spelled by <c>ConstantLiterals</c>, since the spelling is the value (C's suffixes, <c>long.MinValue</c>).
/// </summary>
public sealed record ConstantModel(string Name, TypeRef Type, string Value, string? Doc);

public sealed record EnumModel(string Name, TypeRef UnderlyingType, EquatableArray<EnumMemberModel> Members, string? Doc);

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
public readonly record struct StructAlignment(int Pack, TypeRef? AnchorType);

/// <summary>
/// A C flexible array member (<c>T x[]</c>) or GNU zero-length array (<c>T x[0]</c>): no storage in the struct,
/// reached through a span over the elements that follow the struct in memory, at <see cref="Offset"/>.
/// </summary>
public sealed record TrailingArrayModel(string Name, string CName, TypeRef ElementType, long Offset, string? Doc);

/// <summary>A field at a byte offset. <see cref="Type"/> may name a fixed buffer type for C arrays.</summary>
public sealed record FieldModel(string Name, string CName, TypeRef Type, long Offset, string? Doc);

/// <summary>
/// A C bitfield, exposed as a property that reads and writes <see cref="Width"/> bits at
/// <see cref="Shift"/> within an integer storage field of <see cref="StorageSize"/> bytes at <see cref="StorageOffset"/>.
/// </summary>
public sealed record BitfieldModel(string Name, string CName, TypeRef Type, bool IsSigned, long StorageOffset, int StorageSize, int Shift, int Width, long BitOffset, string? Doc)
{
    public string StorageName => $"_bitfield_{StorageOffset}_{StorageSize}";

    public TypeRef StorageType => StorageSize switch { 1 => TypeRef.Byte, 2 => TypeRef.UShort, 4 => TypeRef.UInt, _ => TypeRef.ULong };
}

/// <summary>An <c>[InlineArray]</c> struct standing for a fixed-size C array field.</summary>
public sealed record FixedBufferModel(string Name, TypeRef ElementType, long Length);

/// <summary>
/// A C function: its raw blittable signature, and the <see cref="ValueShape"/> of each parameter and of the result,
/// from which the emitter writes the friendly overload and the facade member (one writer per shape, Emit/Parameters).
/// </summary>
public sealed record FunctionModel(string Name, string EntryPoint, TypeRef ReturnType, EquatableArray<ParameterModel> Parameters, string? Doc, ValueShape ReturnShape = ValueShape.Raw, string? ReturnHandle = null, EquatableArray<SpanPairModel> Spans = default, bool SuppressGCTransition = false, bool Shimmed = false,
    EquatableArray<CallbackPairModel> Callbacks = default, StringResultModel? StringResult = null)
{
    /// <summary>True when a second, marshalling <c>[LibraryImport]</c> overload with friendlier parameter types is emitted.</summary>
    public bool HasFriendlyOverload => Parameters.Any(p => p.Shape != ValueShape.Raw);
}

/// <summary>
/// The overload named <see cref="Overload"/> that returns a function's text result as a copied <c>string?</c>: a
/// <c>const char*</c> is borrowed and only copied; a <c>char*</c> the user named in <c>OwnedStrings</c> is copied, then
/// freed by <see cref="Release"/>, whose parameter has type <see cref="ReleaseParameter"/>.
/// </summary>
public sealed record StringResultModel(string Overload, string? Release, TypeRef? ReleaseParameter);

/// <summary>
/// How a C parameter or return value can be offered in friendlier C# than its raw blittable type,
/// letting the SDK's LibraryImport marshallers do the work. Each shape is written by one class under
/// <c>Emit/Parameters/</c>, registered in <c>ParameterShapes</c>; docs/ARCHITECTURE.md says how to add one.
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
public sealed record SpanPairModel(string Pointer, string Length, TypeRef ElementType, bool ReadOnly, TypeRef LengthType);

/// <summary>A parameter by its C name, with its raw type and the friendlier shape it is offered in.</summary>
public sealed record ParameterModel(string Name, TypeRef Type, ValueShape Shape = ValueShape.Raw, string? HandleType = null)
{
    /// <summary>The pointee of a pointer parameter (<c>T*</c> → <c>T</c>), as the out and ref shapes take it.</summary>
    public TypeRef Pointee => Type is PointerTypeRef pointer ? pointer.Pointee : throw new InvalidOperationException($"parameter '{Name}' is not a pointer");
}

/// <summary>The cached result of compiling one header: the model (null when nothing can be bound) and its diagnostics.</summary>
public sealed record HeaderResult(BindingModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
