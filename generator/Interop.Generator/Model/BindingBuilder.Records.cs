using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>Where a C struct or union becomes a <see cref="StructModel"/>: fields, bitfields, arrays and anonymous members.</summary>
internal sealed partial class BindingBuilder
{
    private StructModel? BuildStruct(RecordDecl record)
    {
        var name = RecordNameOrNull(record)!;
        var cSpelling = record.TypedefName ?? (record.Tag is not null ? (record.IsUnion ? "union " : "struct ") + record.Tag : name);
        if (!record.IsComplete)
        {
            return Opaque(name, cSpelling, record);
        }

        RecordLayout layout;
        try
        {
            layout = _layout.Layout(record);
        }
        catch (TypeTooLargeException e)
        {
            _diagnostics.Report(DiagnosticKind.TypeTooLarge, e.Location ?? record.Location, $"'{name}' is not bound: {e.Message}; it stays an opaque type, reachable through pointers");
            return Opaque(name, cSpelling, record);
        }
        catch (LayoutException e)
        {
            _diagnostics.Report(DiagnosticKind.LayoutError, record.Location, e.Message);
            return null;
        }

        if (layout.Size > MaxStructBytes)
        {
            // StructLayout.Size and field offsets are ints: C# cannot spell a larger struct.
            _diagnostics.Report(DiagnosticKind.TypeTooLarge, LargestMember(layout)?.Location ?? record.Location,
                $"'{name}' is not bound: it is {layout.Size} bytes, and a .NET struct holds at most {MaxStructBytes}; it stays an opaque type, reachable through pointers");
            return Opaque(name, cSpelling, record);
        }

        var members = new StructMembers(name, layout.Size);
        AddMembers(record, layout, 0, members);
        var sequential = IsPlain(record) && members.Fields.Count > 0 && members.Fields.Count == record.Fields!.Count && record.Fields.All(HasCSharpLayoutOfC);
        var alignment = default(StructAlignment);
        if (!sequential)
        {
            // An explicit layout is one target's: HeaderCompiler compares it with the other targets' afterwards.
            _explicitLayouts.Add(new ExplicitLayout(record, layout, name));
            // .NET gives a struct without fields 1 byte whatever its Size; an anchor field makes Size count.
            var hasStorage = members.Fields.Count + members.Bitfields.Count > 0;
            alignment = AlignmentFix(record, layout, name, hasStorage ? members.NaturalAlignment : 0);
        }

        if (layout.Size == 0)
        {
            _diagnostics.Report(DiagnosticKind.LayoutNote, record.Location,
                $"'{name}' has no members that take space: C gives it size 0, .NET gives every struct at least 1 byte; structs that embed it keep C's offsets");
        }

        return new StructModel(
            name,
            _syntheticNames.ContainsKey(record) ? "" : cSpelling,
            record.IsUnion,
            IsOpaque: false,
            sequential,
            layout.Size,
            layout.Alignment,
            members.Fields.ToEquatableArray(),
            members.Bitfields.ToEquatableArray(),
            members.Buffers.ToEquatableArray(),
            record.Doc,
            alignment,
            members.TrailingArrays.ToEquatableArray());
    }

    /// <summary>
    /// The Pack or alignment anchor an explicit struct needs for .NET to align it as C does. Up to 16 bytes
    /// .NET can (an overlapping Int128 field is 16-byte aligned); above that the size and offsets stay C's
    /// and a warning says the alignment is not carried.
    /// </summary>
    private StructAlignment AlignmentFix(RecordDecl record, RecordLayout layout, string name, long natural)
    {
        var alignment = layout.Alignment;
        if (natural > alignment)
        {
            return new StructAlignment((int)alignment, null);
        }

        if (natural == alignment)
        {
            return default;
        }

        if (alignment > MaxCSharpAlignment)
        {
            _diagnostics.Report(DiagnosticKind.AlignmentNotCarried, record.Location,
                $"'{name}' is {alignment}-byte aligned in C; .NET aligns structs to at most {MaxCSharpAlignment} bytes, so its size ({layout.Size}) and field offsets are C's " +
                $"but an instance .NET places is only {MaxCSharpAlignment}-byte aligned (allocate it with NativeMemory.AlignedAlloc where the alignment matters)");
        }

        var anchor = Math.Min(alignment, MaxCSharpAlignment) switch
        {
            1 => TypeRef.Byte,
            2 => TypeRef.UShort,
            4 => TypeRef.UInt,
            8 => TypeRef.ULong,
            _ => new PrimitiveTypeRef(PrimitiveTypeKind.Int128),
        };
        return new StructAlignment(0, anchor);
    }

    /// <summary>The largest alignment .NET lays a struct out with: Int128's.</summary>
    private const long MaxCSharpAlignment = 16;

    /// <summary>
    /// The alignment .NET gives the C# type of a C type: C's, since every emitted struct carries its C alignment
    /// up to <see cref="MaxCSharpAlignment"/>, except for opaque bytes (1) and typedef alignment attributes (ignored).
    /// </summary>
    private long CSharpAlignment(CType type) => type.Canonical switch
    {
        var opaque when IsOpaqueScalar(opaque) => 1,
        ArrayType array => CSharpAlignment(array.Element),
        var canonical => Math.Min(_layout.AlignOf(canonical), MaxCSharpAlignment),
    };

    /// <summary>Whether the field's C# type has the C type's size and alignment, so .NET's sequential layout places it as C does.</summary>
    private bool HasCSharpLayoutOfC(FieldDecl field)
    {
        var (size, alignment) = _layout.Measure(field.Type);
        return size > 0 && alignment == CSharpAlignment(field.Type) && !IsOpaqueScalar(field.Type)
            && !(field.Type.Canonical is ArrayType array && IsOpaqueScalar(array.Element));
    }

    /// <summary>
    /// True when .NET's sequential layout gives C's layout on every target: no unions, bitfields, anonymous
    /// members, packing, alignment attributes or flexible arrays, so natural alignment does all the work.
    /// </summary>
    private static bool IsPlain(RecordDecl record)
    {
        if (record.IsUnion || record.IsPacked || record.MaxFieldAlignment is not null || record.RequestedAlignment is not null)
        {
            return false;
        }

        foreach (var field in record.Fields!)
        {
            if (field.Name is null || field.BitWidth is not null || field.IsPacked || field.RequestedAlignment is not null
                || field.Type.Canonical is ArrayType { Length: null or 0 } || HasAlignedTypedef(field.Type))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasAlignedTypedef(CType type)
    {
        for (var t = type; t is TypedefType typedef; t = typedef.Decl.Type)
        {
            if (typedef.Decl.RequestedAlignment is not null)
            {
                return true;
            }
        }

        return type.Canonical is ArrayType array && HasAlignedTypedef(array.Element);
    }

    private static StructModel Opaque(string name, string cSpelling, RecordDecl record) =>
        new(name, cSpelling, record.IsUnion, IsOpaque: true, IsSequential: false, 0, 1, EquatableArray<FieldModel>.Empty, EquatableArray<BitfieldModel>.Empty, EquatableArray<FixedBufferModel>.Empty, record.Doc);

    /// <summary>The most a .NET struct's size and field offsets can be (they are ints).</summary>
    private const long MaxStructBytes = int.MaxValue;

    /// <summary>The most an [InlineArray] struct may hold: the runtime refuses larger ones when it loads the type (.NET 9 and later).</summary>
    private const long MaxInlineArrayBytes = 1024 * 1024;

    private static FieldDecl? LargestMember(RecordLayout layout) => layout.Fields.Count == 0 ? null : layout.Fields.OrderByDescending(f => f.Size).First().Field;

    private sealed class StructMembers(string name, long size)
    {
        public string Name { get; } = name;
        public long Size { get; } = size;
        public List<FieldModel> Fields { get; } = new();
        public List<BitfieldModel> Bitfields { get; } = new();
        public List<FixedBufferModel> Buffers { get; } = new();
        public List<TrailingArrayModel> TrailingArrays { get; } = new();

        /// <summary>The alignment .NET gives the struct from its fields alone, before any Pack or anchor.</summary>
        public long NaturalAlignment { get; set; } = 1;
    }

    /// <summary>Adds a record's members at <paramref name="baseBits"/>; anonymous members recurse, as C makes their members the parent's.</summary>
    private void AddMembers(RecordDecl record, RecordLayout layout, long baseBits, StructMembers into)
    {
        foreach (var field in layout.Fields)
        {
            var decl = field.Field;
            var bits = baseBits + field.BitOffset;
            if (decl.Name is null)
            {
                if (decl.BitWidth is null && decl.Type.Canonical is RecordType { Decl: var anonymous })
                {
                    AddMembers(anonymous, _layout.Layout(anonymous), bits, into);
                }

                continue; // unnamed bitfields are padding
            }

            try
            {
                // C# forbids a member named like its type (CS0542).
                var fieldName = decl.Name == into.Name ? decl.Name + "_" : decl.Name;
                if (decl.BitWidth is { } width)
                {
                    var bitfield = Bitfield(decl, fieldName, bits, width, into.Size);
                    into.Bitfields.Add(bitfield);
                    into.NaturalAlignment = Math.Max(into.NaturalAlignment, bitfield.StorageSize);
                    continue;
                }

                if (field.Size == 0)
                {
                    AddZeroSizeMember(decl, fieldName, bits / 8, into);
                    continue;
                }

                TypeRef type;
                if (IsOpaqueScalar(decl.Type) || (decl.Type.Canonical is ArrayType { Element: var element } && IsOpaqueScalar(element)))
                {
                    // 16 bytes .NET has no type for: kept as bytes at C's offset, so the struct's layout stays whole.
                    _diagnostics.Report(DiagnosticKind.LayoutNote, decl.Location,
                        $"field '{decl.Name}' of '{into.Name}' is a C type .NET has no counterpart for on {_layout.Target}; it is bound as {field.Size} opaque bytes");
                    type = FixedBuffer(into.Name, fieldName, new ArrayType(new PrimitiveType(PrimitiveKind.UChar), field.Size), into.Buffers);
                }
                else if (decl.Type.Canonical is ArrayType array)
                {
                    type = FixedBuffer(into.Name, fieldName, array, into.Buffers);
                }
                else if (decl.Type.Canonical is RecordType { Decl: var nested } && RecordNameOrNull(nested) is null)
                {
                    // A named member of an unnamed struct type: the type gets a name from its place.
                    _syntheticNames[nested] = $"{into.Name}_{fieldName}";
                    type = MapType(decl.Type);
                }
                else
                {
                    type = MapType(decl.Type);
                }

                into.Fields.Add(new FieldModel(fieldName, decl.Name, type, bits / 8, decl.Doc));
                into.NaturalAlignment = Math.Max(into.NaturalAlignment, CSharpAlignment(decl.Type));
            }
            catch (UnsupportedTypeException e)
            {
                _diagnostics.Report(DiagnosticKind.Unsupported, decl.Location, $"field '{decl.Name}' of '{into.Name}' is not bound: {e.Message}; the struct keeps its size");
            }
        }
    }

    /// <summary>
    /// A member that takes no space in C: a flexible or zero-length array becomes a span accessor over the
    /// elements after the struct; an empty struct member has nothing to reach and is only noted.
    /// </summary>
    private void AddZeroSizeMember(FieldDecl decl, string name, long offset, StructMembers into)
    {
        if (decl.Type.Canonical is ArrayType { Element: var element } && element.Canonical is not ArrayType && _layout.SizeOf(element) > 0 && !IsOpaqueScalar(element))
        {
            var elementType = MapType(element);
            if (elementType.IsPointer)
            {
                elementType = TypeRef.NInt; // a span cannot hold pointer types
            }

            into.TrailingArrays.Add(new TrailingArrayModel(name, decl.Name!, elementType, offset, decl.Doc));
            return;
        }

        _diagnostics.Report(DiagnosticKind.LayoutNote, decl.Location,
            $"field '{decl.Name}' of '{into.Name}' takes no space in C and has no C# field; reach what follows it through a pointer to the struct");
    }

    private BitfieldModel Bitfield(FieldDecl decl, string name, long bitOffset, int width, long structSize)
    {
        var type = MapType(decl.Type) switch
        {
            // CLong has no conversion operators; a bitfield's value fits a long whatever the target.
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.CLong } => TypeRef.Long,
            PrimitiveTypeRef { Kind: PrimitiveTypeKind.CULong } => TypeRef.ULong,
            var mapped => mapped,
        };
        var integer = _layout.IntegerKindOf(decl.Type) ?? throw new UnsupportedTypeException("a bitfield must have an integer type");
        var isSigned = decl.Type.Canonical switch
        {
            // GCC and clang give an enum without negative values an unsigned type.
            EnumType e => e.Decl.Constants.Any(c => !c.Value.IsUnsigned && c.Value.AsSigned < 0),
            PrimitiveType { Kind: PrimitiveKind.Bool } => false,
            _ => integer is IntegerKind.Int or IntegerKind.Long,
        };

        // The smallest integer that covers the bits, moved back if it would run past the end of the struct.
        var firstByte = bitOffset / 8;
        var lastByte = (bitOffset + width - 1) / 8;
        var size = 1;
        while (size < lastByte - firstByte + 1)
        {
            size *= 2;
        }

        var storageOffset = Math.Max(0, Math.Min(firstByte, structSize - size));
        if (size > 8 || bitOffset + width > (storageOffset + size) * 8)
        {
            throw new UnsupportedTypeException("the bitfield spans more than 8 bytes");
        }

        return new BitfieldModel(name, decl.Name!, type, isSigned, storageOffset, size, (int)(bitOffset - storageOffset * 8), width, bitOffset, decl.Doc);
    }
}
