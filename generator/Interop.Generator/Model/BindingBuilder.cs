using System.Globalization;
using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// Decides what of a parsed header becomes C#: the functions, records, enums and constants declared
/// in the bound files, plus every type they reference, each given its C# type name and layout.
/// </summary>
internal sealed partial class BindingBuilder
{
    private static readonly Dictionary<string, TypeRef> WellKnownTypedefs = new(StringComparer.Ordinal)
    {
        ["int8_t"] = TypeRef.SByte, ["int16_t"] = TypeRef.Short, ["int32_t"] = TypeRef.Int, ["int64_t"] = TypeRef.Long,
        ["uint8_t"] = TypeRef.Byte, ["uint16_t"] = TypeRef.UShort, ["uint32_t"] = TypeRef.UInt, ["uint64_t"] = TypeRef.ULong,
        ["size_t"] = TypeRef.NUInt, ["ssize_t"] = TypeRef.NInt, ["ptrdiff_t"] = TypeRef.NInt, ["intptr_t"] = TypeRef.NInt, ["uintptr_t"] = TypeRef.NUInt,
        ["intmax_t"] = TypeRef.Long, ["uintmax_t"] = TypeRef.ULong, ["char16_t"] = TypeRef.Char,
    };

    private readonly BindingRequest _request;
    private readonly LayoutEngine _layout;
    private readonly DiagnosticBag _diagnostics;
    private readonly Func<string, bool> _isBoundFile;
    private readonly List<RecordDecl> _records = new();
    private readonly HashSet<RecordDecl> _recordSet = new();
    private readonly List<EnumDecl> _enums = new();
    private readonly HashSet<EnumDecl> _enumSet = new();
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<RecordDecl, string> _syntheticNames = new();
    private readonly List<ExplicitLayout> _explicitLayouts = new();
    private RecordDecl? _complexFloat;
    private readonly Dictionary<RecordDecl, string> _recordNames = new();
    private readonly Dictionary<string, RecordDecl> _recordsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordDecl> _typedefRecordNames = new(StringComparer.Ordinal);

    public BindingBuilder(BindingRequest request, LayoutEngine layout, DiagnosticBag diagnostics, Func<string, bool> isBoundFile)
    {
        _request = request;
        _layout = layout;
        _diagnostics = diagnostics;
        _isBoundFile = isBoundFile;
    }

    /// <summary>The structs bound with an explicit layout, which is right for this target only; filled by <see cref="Build"/>.</summary>
    public IReadOnlyList<ExplicitLayout> ExplicitLayouts => _explicitLayouts;

    /// <param name="unit">The parsed header.</param>
    /// <param name="macros">The values the front-end computed for the object-like macros of the bound files.</param>
    /// <param name="variadicFormArguments">The argument types of each <c>VariadicForms</c> entry, as the front-end read them (null: not C types).</param>
    /// <param name="macroFunctions">The function-like macros of the bound files, as the front-end read them.</param>
    /// <param name="macroSignatures">The <c>MacroSignatures</c> entries with their C types, as the front-end read them.</param>
    public BindingModel Build(TranslationUnit unit, IReadOnlyList<MacroConstant> macros, IReadOnlyDictionary<string, IReadOnlyList<CType>?> variadicFormArguments, IReadOnlyList<MacroFunction>? macroFunctions = null, IReadOnlyList<MacroSignature>? macroSignatures = null)
    {
        var functions = new List<FunctionModel>();
        var constants = new List<ConstantModel>();
        var functionPointers = new List<FunctionPointerTypedefModel>();
        foreach (var typedef in unit.Declarations.OfType<TypedefDecl>())
        {
            if (typedef.Type is RecordType { Decl: var named } && named.TypedefName == typedef.Name)
            {
                _typedefRecordNames[typedef.Name] = named;
            }
        }

        DiscoverHandles(unit);
        CollectDeclarations(unit);

        foreach (var declaration in unit.Declarations)
        {
            if (!_isBoundFile(declaration.Location.File) && !IsNamedForShim(declaration))
            {
                continue;
            }

            switch (declaration)
            {
                case FunctionDecl { Type.IsVariadic: true } variadic when !variadic.IsInline && !variadic.HasBody && !variadic.IsStatic:
                    functions.AddRange(BindVariadicForms(variadic, variadicFormArguments));
                    break;
                case FunctionDecl function:
                    if (BindFunction(function) is { } model)
                    {
                        functions.Add(model);
                    }

                    break;
                case TagDeclaration { Type: RecordType record }:
                    TryUse(() => MapRecord(record.Decl), declaration.Location);
                    break;
                case TagDeclaration { Type: EnumType enumeration }:
                    UseEnum(enumeration.Decl, constants);
                    break;
                case StaticVariableDecl variable:
                    BindStaticVariable(variable, constants);
                    break;
                case TypedefDecl typedef:
                    if (FunctionPointerTypedef(typedef) is { } functionPointer)
                    {
                        functionPointers.Add(functionPointer);
                    }

                    switch (typedef.Type)
                    {
                        case RecordType record:
                            TryUse(() => MapRecord(record.Decl), declaration.Location);
                            break;
                        case EnumType enumeration:
                            UseEnum(enumeration.Decl, constants);
                            break;
                    }

                    break;
            }
        }

        foreach (var macro in macros)
        {
            // A macro named like an enumerator hides it from C code (linux/pkt_sched.h: #define __TC_MQPRIO_MODE_MAX
            // (__TC_MQPRIO_MODE_MAX - 1)), so the constant takes the macro's value; "#define FOO FOO" keeps it.
            var hiddenEnumerator = _usedNames.Contains(macro.Name) ? constants.FindIndex(c => c.Name == macro.Name) : -1;
            if (!_isBoundFile(macro.Location.File) || (!_usedNames.Add(macro.Name) && hiddenEnumerator < 0))
            {
                continue;
            }

            var constant = macro.Value switch
            {
                IntegerMacroValue integer => CastConstant(macro, integer.Value, integer.Cast) ?? Constant(macro.Name, integer.Value, macro.Doc),
                StringMacroValue text => new ConstantModel(macro.Name, TypeRef.String, ConstantLiterals.String(text.Text), macro.Doc),
                FloatingMacroValue floating => new ConstantModel(macro.Name, floating.IsSingle ? TypeRef.Float : TypeRef.Double, ConstantLiterals.Floating(floating), macro.Doc),
                _ => throw new InvalidOperationException($"unknown macro value {macro.Value.GetType().Name}"),
            };
            if (hiddenEnumerator >= 0)
            {
                constants[hiddenEnumerator] = constant;
            }
            else
            {
                constants.Add(constant);
            }
        }

        ReadMacroSignatures(macroSignatures ?? Array.Empty<MacroSignature>(), macroFunctions ?? Array.Empty<MacroFunction>());
        var macroMethods = BindMacroFunctions(macroFunctions ?? Array.Empty<MacroFunction>(), functions);
        functions.AddRange(_shimmedMacros);
        ReportUnusedShimEntries(unit);
        CheckCallbackEntriesMatched(functions);
        var structs = new List<StructModel>();
        for (var i = 0; i < _records.Count; i++)
        {
            // Building one record may reference more; the list grows while we walk it.
            if (BuildStruct(_records[i]) is { } model)
            {
                structs.Add(model);
            }
        }

        // A type named like the bindings class would make C# merge them into one partial type (CS0261).
        foreach (var clash in structs.Where(s => s.Name == _request.ClassName))
        {
            var record = _records.First(r => RecordNameOrNull(r) == clash.Name);
            _diagnostics.Report(DiagnosticKind.InvalidOption, record.Location,
                $"the bindings class '{_request.ClassName}' has the name of the C type '{clash.Name}'; choose another class name (the Class metadata or --class)");
        }

        return new BindingModel(
            _request.HeaderFileName,
            _request.Namespace,
            _request.ClassName,
            _request.LibraryName,
            constants.ToEquatableArray(),
            _enums.Where(e => EnumName(e) is not null).Select(BuildEnum).ToEquatableArray(),
            structs.ToEquatableArray(),
            functions.ToEquatableArray(),
            _handles.Values.Where(h => functions.Any(f => f.Name == h.ReleaseFunction)).Distinct().ToEquatableArray(),
            _request.Ambient,
            macroMethods.ToEquatableArray(),
            BuildShim(),
            functionPointers.ToEquatableArray());
    }

    private FunctionModel? BindFunction(FunctionDecl function)
    {
        var shimmed = (function.IsInline || function.HasBody || function.IsStatic) && WantsShim(function);
        if ((function.IsInline || function.HasBody || function.IsStatic) && !shimmed)
        {
            _diagnostics.Report(DiagnosticKind.InlineSkipped, function.Location, $"'{function.Name}' is {(function.IsInline ? "inline" : "static")} and has no exported symbol; it is not bound");
            return null;
        }

        if (function.Type.IsVariadic)
        {
            _diagnostics.Report(DiagnosticKind.VariadicSkipped, function.Location, $"'{function.Name}' is variadic and cannot be called portably through P/Invoke; it is not bound");
            return null;
        }

        if (!_usedNames.Add(function.Name))
        {
            return null; // a repeated prototype
        }

        try
        {
            var parameters = new List<ParameterModel>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            // An out-parameter that hands back a position in a string argument (sqlite3_prepare's const char** tail,
            // strtol's char** end) would point into the temporary UTF-8 copy a string overload makes, freed when the
            // call returns. Such functions take their strings as raw pointers the caller keeps alive.
            var keepStringsRaw = function.Type.Parameters.Any(PointsIntoAStringArgument);
            for (var i = 0; i < function.Type.Parameters.Count; i++)
            {
                var parameter = function.Type.Parameters[i];
                var name = UniqueName(ParameterName(function, i), names);
                var (shape, handle) = HandleShape(function, parameter.Type) ?? (ShapeOf(parameter.Type), null);
                if (shape == ValueShape.Utf8String && keepStringsRaw)
                {
                    shape = ValueShape.Raw;
                }

                parameters.Add(new ParameterModel(name, MapType(parameter.Type), shape, handle));
            }

            var returnType = MapType(function.Type.ReturnType);
            if (shimmed && !AddShimWrapper(function))
            {
                return null;
            }

            return new FunctionModel(function.Name, shimmed ? ShimModel.EntryPointOf(function.Name) : function.Name, returnType, parameters.ToEquatableArray(), function.Doc, ReturnShapeOf(function.Type.ReturnType), ReturnedHandle(function), SpanPairs(function, parameters),
                _request.SuppressGCTransition.Contains(function.Name), shimmed, CallbackPairs(function, parameters), StringResult(function));
        }
        catch (UnsupportedTypeException e)
        {
            _diagnostics.Report(DiagnosticKind.Unsupported, function.Location, $"'{function.Name}' is not bound: {e.Message}");
            _usedNames.Remove(function.Name);
            return null;
        }
    }

    /// <summary>
    /// A variadic function is bound only in the fixed-arity forms the user asked for (<c>VariadicForms="f(long);f(void*)"</c>).
    /// Integer and pointer arguments travel in the same registers whether or not the callee is variadic on
    /// x86_64 and Linux aarch64; floating arguments and Apple's arm64 (variadics on the stack) do not.
    /// </summary>
    private IEnumerable<FunctionModel> BindVariadicForms(FunctionDecl function, IReadOnlyDictionary<string, IReadOnlyList<CType>?> arguments)
    {
        var forms = _request.VariadicForms.Where(f => f.Contains('(') && f.Substring(0, f.IndexOf('(')).Trim() == function.Name).ToList();
        if (forms.Count == 0)
        {
            _diagnostics.Report(DiagnosticKind.VariadicSkipped, function.Location,
                $"'{function.Name}' is variadic and cannot be called portably through P/Invoke; it is not bound (ask for fixed-arity forms with VariadicForms=\"{function.Name}(long);{function.Name}(void*)\")");
            yield break;
        }

        if (_layout.Target == Target.Arm64Darwin)
        {
            _diagnostics.Report(DiagnosticKind.VariadicSkipped, function.Location, $"'{function.Name}': on {_layout.Target} variadic arguments are passed on the stack, so fixed-arity forms would be called wrongly; not bound");
            yield break;
        }

        var signatures = new HashSet<EquatableArray<TypeRef>>();
        foreach (var form in forms)
        {
            var model = BindVariadicForm(function, form, arguments.TryGetValue(form, out var types) ? types : null);
            if (model is not null && signatures.Add(model.Parameters.Select(p => p.Type).ToEquatableArray()))
            {
                yield return model;
            }
        }
    }

    private FunctionModel? BindVariadicForm(FunctionDecl function, string form, IReadOnlyList<CType>? types)
    {
        if (types is null || types.Count == 0)
        {
            _diagnostics.Report(DiagnosticKind.InvalidOption, function.Location, $"variadic form '{form}' must list one or more C types, like {function.Name}(long, void*)");
            return null;
        }

        if (types.FirstOrDefault(t => t.Canonical is not (PointerType or EnumType or PrimitiveType { Kind: not (PrimitiveKind.Float or PrimitiveKind.Double or PrimitiveKind.LongDouble or PrimitiveKind.Void) })) is { } bad)
        {
            _diagnostics.Report(DiagnosticKind.InvalidOption, function.Location, $"variadic form '{form}': only integer and pointer arguments can be passed this way");
            return null;
        }

        var fixedFunction = new FunctionType(function.Type.ReturnType, function.Type.Parameters.Concat(types.Select((t, i) => new ParameterDecl("vararg" + i, t))).ToList(), isVariadic: false, hasPrototype: true);
        _usedNames.Remove(function.Name);
        return BindFunction(new FunctionDecl(function.Name, fixedFunction, false, false, function.Location, function.Doc));
    }

    /// <summary>What friendlier form a parameter can take; anything ambiguous stays raw.</summary>
    private static ValueShape ShapeOf(CType type)
    {
        switch (type.Canonical)
        {
            case PrimitiveType { Kind: PrimitiveKind.Bool }:
                return ValueShape.Bool;
            case PointerType { Pointee: var pointee } when IsConstChar(pointee):
                return ValueShape.Utf8String;
            case PointerType { Pointee: var pointee, IsConst: false } when pointee.Canonical is PointerType { Pointee: var target } && !pointee.IsConst
                && target.Canonical is RecordType or PrimitiveType { Kind: not PrimitiveKind.Void }:
                return ValueShape.OutPointer;
            case PointerType { Pointee: var pointee } when !pointee.IsConst && pointee.Canonical is PrimitiveType { Kind: not (PrimitiveKind.Void or PrimitiveKind.Char or PrimitiveKind.SChar or PrimitiveKind.UChar or PrimitiveKind.Bool) }:
                return ValueShape.RefScalar;
            default:
                return ValueShape.Raw;
        }
    }

    private static ValueShape ReturnShapeOf(CType type) => type.Canonical switch
    {
        PrimitiveType { Kind: PrimitiveKind.Bool } => ValueShape.Bool,
        PointerType { Pointee: var pointee } when IsConstChar(pointee) => ValueShape.Utf8String,
        _ => ValueShape.Raw,
    };

    /// <summary>
    /// A <c>const char**</c> out-parameter (read-only text the callee points at: usually the caller's own), or a
    /// <c>char**</c> named like the C library's end pointers (<c>strtol(const char*, char** endptr, int)</c>). Other
    /// <c>char**</c> out-parameters (<c>sqlite3_exec</c>'s <c>errmsg</c>) hand back memory the callee allocated.
    /// </summary>
    private static bool PointsIntoAStringArgument(ParameterDecl parameter)
    {
        if (parameter.Type.Canonical is not PointerType { Pointee: var pointee } || pointee.Canonical is not PointerType { Pointee: var target }
            || target.Canonical is not PrimitiveType { Kind: PrimitiveKind.Char or PrimitiveKind.SChar or PrimitiveKind.UChar })
        {
            return false;
        }

        var name = parameter.Name?.TrimStart('_') ?? "";
        return target.IsConst || name.StartsWith("end", StringComparison.OrdinalIgnoreCase) || name.IndexOf("tail", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    private static bool IsConstChar(CType type) => type.IsConst && type.Canonical is PrimitiveType { Kind: PrimitiveKind.Char };

    private static string UniqueName(string candidate, HashSet<string> names)
    {
        var name = candidate;
        for (var n = 1; !names.Add(name); n++)
        {
            name = candidate + "_" + n;
        }

        return name;
    }

    private void TryUse(Action use, SourceLocation location)
    {
        try
        {
            use();
        }
        catch (UnsupportedTypeException e)
        {
            _diagnostics.Report(DiagnosticKind.Unsupported, location, e.Message);
        }
    }

    private void UseEnum(EnumDecl decl, List<ConstantModel> constants)
    {
        if (EnumName(decl) is not null)
        {
            if (_enumSet.Add(decl))
            {
                _enums.Add(decl);
            }

            return;
        }

        // Anonymous enum: its constants become const fields of the bindings class.
        var kind = EnumKind(decl);
        foreach (var constant in decl.Constants)
        {
            if (_usedNames.Add(constant.Name))
            {
                // Each enumerator keeps its own C type (int when it fits), not the enum's wider one.
                var own = constant.Value.Kind == IntegerKind.Int ? IntegerKind.Int : kind;
                constants.Add(Constant(constant.Name, constant.Value.ConvertTo(own), constant.Doc));
            }
        }
    }

    /// <summary>The C# type of a C type in a raw, blittable signature.</summary>
    private TypeRef MapType(CType type)
    {
        if (StackGuard.IsLow)
        {
            throw new UnsupportedTypeException("the type is nested too deeply");
        }

        switch (type)
        {
            case TypedefType typedef:
                if (WellKnownTypedefs.TryGetValue(typedef.Decl.Name, out var wellKnown))
                {
                    return wellKnown;
                }

                return MapType(typedef.Decl.Type);
            case PrimitiveType primitive:
                return primitive.Kind switch
                {
                    PrimitiveKind.Void => TypeRef.Void,
                    PrimitiveKind.Bool => TypeRef.Byte,
                    PrimitiveKind.Char or PrimitiveKind.SChar => TypeRef.SByte,
                    PrimitiveKind.UChar => TypeRef.Byte,
                    PrimitiveKind.Short => TypeRef.Short,
                    PrimitiveKind.UShort => TypeRef.UShort,
                    PrimitiveKind.Int => TypeRef.Int,
                    PrimitiveKind.UInt => TypeRef.UInt,
                    // C long is 64-bit on LP64 and 32-bit on Windows: CLong keeps one binding right on both.
                    PrimitiveKind.Long => TypeRef.CLong,
                    PrimitiveKind.ULong => TypeRef.CULong,
                    PrimitiveKind.LongLong => TypeRef.Long,
                    PrimitiveKind.ULongLong => TypeRef.ULong,
                    PrimitiveKind.Float => TypeRef.Float,
                    PrimitiveKind.Double => TypeRef.Double,
                    PrimitiveKind.Int128 => new PrimitiveTypeRef(PrimitiveTypeKind.Int128),
                    PrimitiveKind.UInt128 => new PrimitiveTypeRef(PrimitiveTypeKind.UInt128),
                    PrimitiveKind.Float16 => new PrimitiveTypeRef(PrimitiveTypeKind.Half),
                    PrimitiveKind.ComplexDouble => new PrimitiveTypeRef(PrimitiveTypeKind.Complex),
                    PrimitiveKind.ComplexFloat => ComplexFloat(),
                    // long double is double on Windows and Apple's arm64; elsewhere .NET has no 80- or 128-bit float.
                    PrimitiveKind.LongDouble when _layout.Target.LongDoubleSize == 8 => TypeRef.Double,
                    PrimitiveKind.ComplexLongDouble when _layout.Target.LongDoubleSize == 8 => new PrimitiveTypeRef(PrimitiveTypeKind.Complex),
                    _ => throw new UnsupportedTypeException($"the C type '{primitive.Kind}' has no blittable C# counterpart on {_layout.Target}"),
                };
            case PointerType { Is32Bit: true }:
                return TypeRef.UInt;
            case PointerType pointer:
                return pointer.Pointee.Canonical switch
                {
                    PrimitiveType { Kind: PrimitiveKind.Void } => VoidPointer,
                    FunctionType function => FunctionPointer(function),
                    var pointee when IsOpaqueScalar(pointee) => VoidPointer,
                    RecordType record when !record.Decl.IsComplete || RecordNameOrNull(record.Decl) is null => OpaquePointer(record.Decl),
                    _ => MapType(pointer.Pointee).Pointer(),
                };
            case RecordType record:
                return MapRecord(record.Decl);
            case EnumType enumeration:
                return EnumName(enumeration.Decl) is { } enumName ? UseEnumType(enumeration.Decl, enumName) : EnumTypeName(enumeration.Decl);
            case ArrayType array:
                return MapType(array.Element).Pointer();
            case FunctionType:
                throw new UnsupportedTypeException("a function type is only usable through a pointer");
            default:
                throw new UnsupportedTypeException("unknown type");
        }
    }

    private static readonly TypeRef VoidPointer = TypeRef.Void.Pointer();

    private TypeRef UseEnumType(EnumDecl decl, string name)
    {
        if (_enumSet.Add(decl))
        {
            _enums.Add(decl);
        }

        return new NamedTypeRef(name, NamedTypeKind.Enum);
    }

    private TypeRef OpaquePointer(RecordDecl record)
    {
        if (RecordNameOrNull(record) is null)
        {
            return VoidPointer;
        }

        return MapRecord(record).Pointer();
    }

    private TypeRef FunctionPointer(FunctionType function)
    {
        if (function.IsVariadic)
        {
            return VoidPointer;
        }

        return new FunctionPointerTypeRef(function.Parameters.Select(p => MapType(p.Type)).ToEquatableArray(), MapType(function.ReturnType));
    }

    private TypeRef MapRecord(RecordDecl record)
    {
        var name = RecordNameOrNull(record) ?? throw new UnsupportedTypeException("an anonymous struct or union outside a named type is not bound yet");
        if (_recordSet.Add(record))
        {
            _records.Add(record);
        }

        return new NamedTypeRef(name, NamedTypeKind.Struct);
    }

    /// <summary>
    /// C's <c>float _Complex</c> as a record of its own, emitted once per namespace: .NET has no two-float complex type.
    /// Its members are named like <c>System.Numerics.Complex</c>'s, which <c>double _Complex</c> maps to.
    /// </summary>
    private TypeRef ComplexFloat()
    {
        if (_complexFloat is null)
        {
            var single = new PrimitiveType(PrimitiveKind.Float);
            _complexFloat = new RecordDecl(isUnion: false, tag: null, SourceLocation.None, "C's float _Complex: the real part, then the imaginary part.")
            {
                Fields = new List<FieldDecl>
                {
                    new("Real", single, null, SourceLocation.None, null),
                    new("Imaginary", single, null, SourceLocation.None, null),
                },
            };
            _syntheticNames[_complexFloat] = "ComplexFloat";
        }

        return MapRecord(_complexFloat);
    }

    /// <summary>A scalar .NET has no type for on this target (<c>long double</c> of 16 bytes, <c>__float128</c>): bound as opaque bytes.</summary>
    private bool IsOpaqueScalar(CType type) => type.Canonical is PrimitiveType
    {
        Kind: PrimitiveKind.Float128 or PrimitiveKind.LongDouble or PrimitiveKind.ComplexLongDouble,
    } primitive && (primitive.Kind == PrimitiveKind.Float128 || _layout.Target.LongDoubleSize != 8);

    /// <summary>
    /// The C# name of a record: its typedef name, else its tag. C keeps tags apart from ordinary names, C# does not:
    /// a tag that is also the typedef name of another record (<c>typedef struct b_s {...} b; struct b {...};</c>) is
    /// renamed <c>struct_b</c> (or <c>union_b</c>), with a warning; typedef names keep theirs, so the result never
    /// depends on which record is met first.
    /// </summary>
    private string? RecordNameOrNull(RecordDecl record)
    {
        if (_recordNames.TryGetValue(record, out var known))
        {
            return known;
        }

        var name = record.TypedefName ?? record.Tag ?? (_syntheticNames.TryGetValue(record, out var synthetic) ? synthetic : null);
        if (name is null)
        {
            return null; // an anonymous record may get a synthetic name later
        }

        var claimed = record.TypedefName is null && _typedefRecordNames.TryGetValue(name, out var typedefOwner) && typedefOwner != record;
        if (claimed || (_recordsByName.TryGetValue(name, out var owner) && owner != record))
        {
            var renamed = (record.IsUnion ? "union_" : "struct_") + name;
            for (var n = 2; _recordsByName.ContainsKey(renamed) || _typedefRecordNames.ContainsKey(renamed); n++)
            {
                renamed = (record.IsUnion ? "union_" : "struct_") + name + "_" + n.ToString(CultureInfo.InvariantCulture);
            }

            _diagnostics.Report(DiagnosticKind.NameChanged, record.Location,
                $"'{(record.IsUnion ? "union " : "struct ")}{name}' is bound as '{renamed}': C keeps tags apart from typedef names, and '{name}' is already the C# name of another type");
            name = renamed;
        }

        _recordNames[record] = name;
        _recordsByName[name] = record;
        return name;
    }

    private static string? EnumName(EnumDecl decl) => decl.TypedefName ?? decl.Tag;

    private TypeRef FixedBuffer(string owner, string field, ArrayType array, List<FixedBufferModel> buffers)
    {
        if (array.Length is not > 0)
        {
            throw new UnsupportedTypeException("a flexible array member is reachable only through a pointer to the struct");
        }

        var bytes = _layout.SizeOf(array);
        if (bytes > MaxInlineArrayBytes)
        {
            throw new UnsupportedTypeException($"its {bytes} bytes are more than the {MaxInlineArrayBytes} .NET lets an inline array hold");
        }

        var element = array.Element.Canonical is ArrayType inner
            ? FixedBuffer(owner, field + "_" + buffers.Count, inner, buffers)
            : MapType(array.Element);
        if (element.IsPointer)
        {
            element = TypeRef.NInt; // inline arrays cannot hold pointer types
        }

        var bufferName = $"{owner}_{field}_Buffer";
        buffers.Add(new FixedBufferModel(bufferName, element, array.Length.Value));
        return new NamedTypeRef(bufferName, NamedTypeKind.FixedBuffer);
    }

    private EnumModel BuildEnum(EnumDecl decl)
    {
        var kind = EnumKind(decl);
        var members = decl.Constants.Select(c => new EnumMemberModel(c.Name, ConstantLiterals.Integer(c.Value.ConvertTo(kind)), c.Doc));
        return new EnumModel(EnumName(decl)!, EnumTypeName(decl), members.ToEquatableArray(), decl.Doc);
    }

    /// <summary>The C type of the enum's values: int up to 32 bits (narrower enums' values are int literals, which C# narrows), else its own.</summary>
    private IntegerKind EnumKind(EnumDecl decl) => _layout.IntegerKindOf(new EnumType(decl)) ?? IntegerKind.Int;

    /// <summary>The C# underlying type: the integer type the layout engine stores the enum as, so a field of it has C's size.</summary>
    private TypeRef EnumTypeName(EnumDecl decl) => _layout.EnumUnderlyingKind(decl) switch
    {
        PrimitiveKind.Char => _layout.Target.CharIsSigned ? TypeRef.SByte : TypeRef.Byte,
        PrimitiveKind.SChar => TypeRef.SByte,
        PrimitiveKind.UChar or PrimitiveKind.Bool => TypeRef.Byte,
        PrimitiveKind.Short => TypeRef.Short,
        PrimitiveKind.UShort => TypeRef.UShort,
        PrimitiveKind.UInt => TypeRef.UInt,
        PrimitiveKind.ULong when _layout.Target.LongSize == 4 => TypeRef.UInt,
        PrimitiveKind.Long when _layout.Target.LongSize == 4 => TypeRef.Int,
        PrimitiveKind.Long or PrimitiveKind.LongLong => TypeRef.Long,
        PrimitiveKind.ULong or PrimitiveKind.ULongLong => TypeRef.ULong,
        _ => TypeRef.Int,
    };

    /// <summary>
    /// A constant written as a cast keeps the cast's type: a narrow integer, an enum, or a pointer. A pointer
    /// (<c>SQLITE_TRANSIENT</c>, <c>((void*)-1)</c>) has the type a parameter declared with the same C type binds as, so
    /// it passes where the C API takes it; its value is the integer, which the emitter converts as C does.
    /// </summary>
    private ConstantModel? CastConstant(MacroConstant macro, IntegerValue value, CType? cast)
    {
        if (cast is null)
        {
            return null;
        }

        var signed = value.IsUnsigned ? (long)value.Bits : value.AsSigned;
        TypeRef type;
        try
        {
            type = MapType(cast);
        }
        catch (UnsupportedTypeException) when (cast.Canonical is PointerType)
        {
            type = TypeRef.NInt; // a pointer to a type that is not bound: still an address-sized value
        }
        catch (UnsupportedTypeException)
        {
            return null;
        }

        if (type.IsPointer)
        {
            return new ConstantModel(macro.Name, type, signed.ToString(CultureInfo.InvariantCulture) + "L", macro.Doc);
        }

        // C# constants of native size must fit 32 bits; wider ones keep the 64-bit type they have in C on LP64.
        if (type == TypeRef.NUInt && value.Bits > uint.MaxValue)
        {
            type = TypeRef.ULong;
        }
        else if (type == TypeRef.NInt && signed is < int.MinValue or > int.MaxValue)
        {
            type = TypeRef.Long;
        }

        return ConstantLiterals.Cast(type, value) is { } literal ? new ConstantModel(macro.Name, type, literal, macro.Doc) : null;
    }

    private static ConstantModel Constant(string name, IntegerValue value, string? doc) =>
        new(name, KindName(value.Kind), ConstantLiterals.Integer(value), doc);

    private static TypeRef KindName(IntegerKind kind) => kind switch
    {
        IntegerKind.Int => TypeRef.Int,
        IntegerKind.UInt => TypeRef.UInt,
        IntegerKind.Long => TypeRef.Long,
        _ => TypeRef.ULong,
    };
    private sealed class UnsupportedTypeException : Exception
    {
        public UnsupportedTypeException(string message)
            : base(message)
        {
        }
    }
}
