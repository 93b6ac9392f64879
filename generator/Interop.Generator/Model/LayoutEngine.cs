using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>Where one field of a record lives: byte offset, and for bitfields the bit offset within the record.</summary>
public readonly record struct FieldLayout(FieldDecl Field, long ByteOffset, long BitOffset, long Size);

/// <summary>Size, alignment and field placement of a record.</summary>
public sealed class RecordLayout
{
    public RecordLayout(long size, long alignment, IReadOnlyList<FieldLayout> fields, long requiredAlignment = 1)
    {
        Size = size;
        Alignment = alignment;
        Fields = fields;
        RequiredAlignment = requiredAlignment;
    }

    public long Size { get; }
    public long Alignment { get; }

    /// <summary>MSVC: the alignment that attributes demand (aligned(n), on the record or a member), which packing an embedding record cannot lower.</summary>
    public long RequiredAlignment { get; }
    public IReadOnlyList<FieldLayout> Fields { get; }
}

/// <summary>
/// Computes C type sizes and record layouts with the System V (Itanium-style) rules GCC and clang use
/// on Linux and macOS: natural alignment, trailing padding, bitfields packed into storage units of
/// their declared type without straddling one, <c>packed</c> and <c>#pragma pack</c> capping alignment.
/// </summary>
public sealed class LayoutEngine : ITypeSizes
{
    private readonly Target _target;
    private readonly Dictionary<RecordDecl, RecordLayout> _cache = new();
    private readonly HashSet<RecordDecl> _inProgress = new();

    public LayoutEngine(Target target) => _target = target;

    public Target Target => _target;

    public string Triple => _target.Triple;

    public bool HasFloat16 => _target.HasFloat16;

    public bool HasMicrosoftExtensions => _target.HasMicrosoftExtensions;

    public long SizeOf(CType type) => Measure(type).Size;

    public long AlignOf(CType type) => Measure(type).Alignment;

    /// <summary>What a bare <c>__attribute__((aligned))</c> means: the largest alignment any type has on the target.</summary>
    public long MaxAlignment => 16;

    public (long Size, long Alignment) Measure(CType type)
    {
        // The first typedef in the chain that carries aligned(n) decides the alignment.
        for (var t = type; t is TypedefType typedef; t = typedef.Decl.Type)
        {
            if (typedef.Decl.RequestedAlignment is { } requested)
            {
                return (MeasureCanonical(type.Canonical).Size, requested);
            }
        }

        return MeasureCanonical(type.Canonical);
    }

    private (long Size, long Alignment) MeasureCanonical(CType type)
    {
        if (StackGuard.IsLow)
        {
            throw new LayoutException("type nested too deeply to lay out");
        }

        switch (type)
        {
            case PrimitiveType p:
                return Primitive(p.Kind);
            case PointerType { Is32Bit: true }:
                return (4, 4);
            case PointerType:
                return (_target.PointerSize, _target.PointerSize);
            case ArrayType a:
            {
                var (size, alignment) = Measure(a.Element);
                var length = a.Length ?? 0;
                if (size > 0 && length > MaxObjectBytes / size)
                {
                    throw new TypeTooLargeException($"an array of {length} elements of {size} bytes is larger than {MaxObjectBytes} bytes, the most a layout is computed for");
                }

                return (size * length, alignment);
            }

            case EnumType enumeration:
                return Primitive(EnumUnderlyingKind(enumeration.Decl));
            case RecordType r:
            {
                var layout = Layout(r.Decl);
                return (layout.Size, layout.Alignment);
            }

            case FunctionType:
                throw new LayoutException("a function type has no size");
            default:
                throw new LayoutException("unknown type");
        }
    }

    public RecordLayout Layout(RecordDecl record)
    {
        if (_cache.TryGetValue(record, out var cached))
        {
            return cached;
        }

        if (record.Fields is null)
        {
            throw new LayoutException($"'{RecordName(record)}' is incomplete (only forward-declared)");
        }

        if (!_inProgress.Add(record))
        {
            throw new LayoutException($"'{RecordName(record)}' contains itself");
        }

        try
        {
            var layout = record.IsUnion ? LayoutUnion(record) : LayoutStruct(record);
            _cache[record] = layout;
            return layout;
        }
        finally
        {
            _inProgress.Remove(record);
        }
    }

    private RecordLayout LayoutStruct(RecordDecl record) => _target.UsesMsvcBitfields ? LayoutStructMsvc(record) : LayoutStructSysV(record);

    /// <summary>
    /// MSVC's rules: a run of bitfields shares one storage unit of the declared type while the type's size
    /// stays the same and the bits fit; any other field, or a change of size, closes the unit.
    /// </summary>
    private RecordLayout LayoutStructMsvc(RecordDecl record)
    {
        var fields = new List<FieldLayout>();
        long bit = 0;
        long alignment = 1, required = 1;
        long unitStart = -1, unitBits = 0, unitUsed = 0;
        foreach (var field in record.Fields!)
        {
            var (size, _) = FieldMeasure(field);
            var (fieldAlign, fieldRequired) = MsvcAlignment(record, field);
            required = Math.Max(required, fieldRequired);
            if (field.BitWidth is { } width)
            {
                if (width == 0)
                {
                    // Only after a bitfield does a zero-width one count: it aligns what follows and the record.
                    if (unitStart >= 0)
                    {
                        bit = RoundUp(bit, fieldAlign * 8);
                        alignment = Math.Max(alignment, fieldAlign);
                    }

                    unitStart = -1; // ends the run; the next bitfield opens a fresh unit
                    continue;
                }

                if (unitStart < 0 || unitBits != size * 8 || unitUsed + width > unitBits)
                {
                    unitStart = RoundUp(bit, fieldAlign * 8);
                    unitBits = size * 8;
                    unitUsed = 0;
                    bit = unitStart + unitBits;
                }

                fields.Add(new FieldLayout(field, (unitStart + unitUsed) / 8, unitStart + unitUsed, size));
                unitUsed += width;
                alignment = Math.Max(alignment, fieldAlign);
                continue;
            }

            unitStart = -1;
            PlaceWholeField(fields, field, size, fieldAlign, ref bit, ref alignment);
        }

        return Finish(record, bit, alignment, fields, required);
    }

    /// <summary>
    /// MSVC's field alignment: the type's own, capped by #pragma pack (up to 8) and packed, then raised to what attributes
    /// require (aligned(n) on the field or its typedef, a member record's required alignment), which packing cannot lower.
    /// </summary>
    private (long Alignment, long Required) MsvcAlignment(RecordDecl record, FieldDecl field)
    {
        var element = field.Type.Canonical;
        while (element is ArrayType array)
        {
            element = array.Element.Canonical;
        }

        var required = field.RequestedAlignment ?? 1;
        for (var t = field.Type; t is TypedefType typedef; t = typedef.Decl.Type)
        {
            if (typedef.Decl.RequestedAlignment is { } typedefAlignment)
            {
                required = Math.Max(required, typedefAlignment);
                break;
            }
        }

        if (field.BitWidth is null && element is RecordType member)
        {
            required = Math.Max(required, Layout(member.Decl).RequiredAlignment);
        }

        var alignment = MeasureCanonical(element).Alignment;
        if (record.MaxFieldAlignment is { } pack and <= 8)
        {
            alignment = Math.Min(alignment, pack);
        }

        if (record.IsPacked || field.IsPacked)
        {
            alignment = 1;
        }

        return (Math.Max(alignment, required), field.BitWidth is null ? required : 1);
    }

    private RecordLayout LayoutStructSysV(RecordDecl record)
    {
        var fields = new List<FieldLayout>();
        long bit = 0;
        long alignment = 1;
        foreach (var field in record.Fields!)
        {
            var (size, natural) = FieldMeasure(field);
            var fieldAlign = EffectiveAlignment(record, field, natural);
            if (field.BitWidth is { } width)
            {
                var unitBits = size * 8;
                if (width == 0)
                {
                    // A zero-width bitfield ends the current unit, packed or not.
                    bit = RoundUp(bit, natural * 8);
                    alignment = Math.Max(alignment, BitfieldRecordAlignment(record, field, natural));
                    continue;
                }

                if (!record.IsPacked && !field.IsPacked && record.MaxFieldAlignment is null && bit / unitBits != (bit + width - 1) / unitBits)
                {
                    bit = RoundUp(bit, natural * 8);
                }

                fields.Add(new FieldLayout(field, bit / 8, bit, size));
                bit += width;
                alignment = Math.Max(alignment, BitfieldRecordAlignment(record, field, natural));
                continue;
            }

            PlaceWholeField(fields, field, size, fieldAlign, ref bit, ref alignment);
        }

        return Finish(record, bit, alignment, fields);
    }

    /// <summary>A field that is not a bitfield: the same rule on every target, the next aligned offset.</summary>
    private static void PlaceWholeField(List<FieldLayout> fields, FieldDecl field, long size, long fieldAlign, ref long bit, ref long alignment)
    {
        bit = RoundUp(bit, fieldAlign * 8);
        fields.Add(new FieldLayout(field, bit / 8, bit, size));
        bit += size * 8;
        CheckExtent(field, bit);
        alignment = Math.Max(alignment, fieldAlign);
    }

    private RecordLayout LayoutUnion(RecordDecl record)
    {
        if (_target.UsesMsvcBitfields)
        {
            return LayoutUnionMsvc(record);
        }

        var fields = new List<FieldLayout>();
        long sizeBits = 0;
        long alignment = 1;
        foreach (var field in record.Fields!)
        {
            var (size, natural) = FieldMeasure(field);
            var fieldAlign = EffectiveAlignment(record, field, natural);
            fields.Add(new FieldLayout(field, 0, 0, size));
            sizeBits = Math.Max(sizeBits, field.BitWidth is { } width ? width : size * 8);
            alignment = Math.Max(alignment, field.BitWidth is null ? fieldAlign : BitfieldRecordAlignment(record, field, natural));
        }

        return Finish(record, sizeBits, alignment, fields);
    }

    /// <summary>MSVC's union: a bitfield takes its whole type's size but, unlike GNU C, adds nothing to the alignment.</summary>
    private RecordLayout LayoutUnionMsvc(RecordDecl record)
    {
        var fields = new List<FieldLayout>();
        long size = 0, alignment = 1, required = 1;
        var afterBitfield = false;
        foreach (var field in record.Fields!)
        {
            var (fieldSize, _) = FieldMeasure(field);
            var (fieldAlign, fieldRequired) = MsvcAlignment(record, field);
            fields.Add(new FieldLayout(field, 0, 0, fieldSize));
            if (field.BitWidth is { } width)
            {
                if (width > 0 || afterBitfield)
                {
                    size = Math.Max(size, fieldSize);
                }

                afterBitfield = width > 0;
                continue;
            }

            afterBitfield = false;
            size = Math.Max(size, fieldSize);
            alignment = Math.Max(alignment, fieldAlign);
            required = Math.Max(required, fieldRequired);
        }

        return Finish(record, size * 8, alignment, fields, required);
    }

    private RecordLayout Finish(RecordDecl record, long bits, long alignment, List<FieldLayout> fields, long required = 1)
    {
        alignment = Math.Max(alignment, required);
        if (record.RequestedAlignment is { } requested)
        {
            // clang's MSVC layout: aligned(n) on a record makes all of its alignment required, not just n.
            alignment = Math.Max(alignment, requested);
            required = alignment;
        }

        var size = RoundUp(RoundUp(bits, 8) / 8, alignment);
        if (size == 0 && _target.UsesMsvcBitfields)
        {
            // clang's MSVC layout gives a C record with no storage (no members, or only zero-length arrays)
            // 4 bytes, or its requested alignment if larger; GNU C keeps it at 0.
            size = Math.Max(4, record.RequestedAlignment ?? 0);
        }

        return new RecordLayout(size, alignment, fields, required);
    }

    private (long Size, long Alignment) FieldMeasure(FieldDecl field)
    {
        if (field.Type.Canonical is ArrayType { Length: null } flexible)
        {
            return (0, AlignOf(flexible.Element));
        }

        try
        {
            return Measure(field.Type);
        }
        catch (TypeTooLargeException e) when (e.Location is null)
        {
            throw new TypeTooLargeException($"member '{field.Name ?? "(anonymous)"}': {e.Message}", field.Location);
        }
    }

    /// <summary>A member placed past the limit: the record is too large, and this member is where it became so.</summary>
    private static void CheckExtent(FieldDecl field, long endBit)
    {
        if (endBit > MaxObjectBytes * 8)
        {
            throw new TypeTooLargeException($"member '{field.Name ?? "(anonymous)"}' ends past byte {MaxObjectBytes}, the most a layout is computed for", field.Location);
        }
    }

    /// <summary>
    /// What a System V bitfield adds to its record's alignment: nothing when unnamed (except on AAPCS64 Linux); a
    /// zero-width one its type's alignment, packing ignored; under #pragma pack the type's alignment capped by the
    /// pack, packed attributes ignored; else as any field.
    /// </summary>
    private long BitfieldRecordAlignment(RecordDecl record, FieldDecl field, long natural)
    {
        if (field.Name is null && !_target.UnnamedBitfieldsAlignRecord)
        {
            return 1;
        }

        var requested = field.RequestedAlignment ?? 1;
        return field.BitWidth == 0 ? Math.Max(natural, requested)
            : record.MaxFieldAlignment is { } max ? Math.Min(Math.Max(natural, requested), max)
            : EffectiveAlignment(record, field, natural);
    }

    /// <summary>packed lowers to 1, aligned(n) raises, and #pragma pack caps the result, as clang does.</summary>
    private static long EffectiveAlignment(RecordDecl record, FieldDecl field, long natural)
    {
        var alignment = record.IsPacked || field.IsPacked ? 1 : natural;
        if (field.RequestedAlignment is { } requested)
        {
            alignment = Math.Max(alignment, requested);
        }

        return record.MaxFieldAlignment is { } max ? Math.Min(alignment, max) : alignment;
    }

    private (long, long) Primitive(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Void => throw new LayoutException("'void' has no size"),
        PrimitiveKind.Bool or PrimitiveKind.Char or PrimitiveKind.SChar or PrimitiveKind.UChar => (1, 1),
        PrimitiveKind.Short or PrimitiveKind.UShort => (2, 2),
        PrimitiveKind.Int or PrimitiveKind.UInt or PrimitiveKind.Float => (4, 4),
        PrimitiveKind.Long or PrimitiveKind.ULong => (_target.LongSize, _target.LongSize),
        PrimitiveKind.LongLong or PrimitiveKind.ULongLong or PrimitiveKind.Double => (8, 8),
        PrimitiveKind.LongDouble => (_target.LongDoubleSize, _target.LongDoubleAlignment),
        PrimitiveKind.Int128 or PrimitiveKind.UInt128 or PrimitiveKind.Float128 => (16, 16),
        PrimitiveKind.Float16 => (2, 2),
        PrimitiveKind.ComplexFloat => (8, 4),
        PrimitiveKind.ComplexDouble => (16, 8),
        PrimitiveKind.ComplexLongDouble => (2 * _target.LongDoubleSize, _target.LongDoubleAlignment),
        PrimitiveKind.VaList => (_target.VaListSize, 8),
        _ => throw new LayoutException($"no layout for {kind}"),
    };

    /// <summary>
    /// The integer type an enum is stored as. A fixed type (<c>enum e : T</c>) decides; MSVC makes every other enum an
    /// int; GNU C takes int when the values fit, else unsigned int, else 64 bits, and for <c>packed</c> first the smallest
    /// of char and short that holds them (unsigned when no value is negative).
    /// </summary>
    public PrimitiveKind EnumUnderlyingKind(EnumDecl decl)
    {
        if (decl.FixedType?.Canonical is PrimitiveType fixedType)
        {
            return fixedType.Kind;
        }

        if (_target.HasMicrosoftExtensions)
        {
            return PrimitiveKind.Int;
        }

        var negative = decl.Constants.Any(c => !c.Value.IsUnsigned && c.Value.AsSigned < 0);
        var min = decl.Constants.Select(c => c.Value.IsUnsigned ? 0 : Math.Min(c.Value.AsSigned, 0)).DefaultIfEmpty(0).Min();
        var max = decl.Constants.Select(c => c.Value.IsUnsigned || c.Value.AsSigned >= 0 ? c.Value.Bits : 0).DefaultIfEmpty(0UL).Max();
        if (decl.IsPacked)
        {
            if (negative ? min >= sbyte.MinValue && max <= (ulong)sbyte.MaxValue : max <= byte.MaxValue)
            {
                return negative ? PrimitiveKind.SChar : PrimitiveKind.UChar;
            }

            if (negative ? min >= short.MinValue && max <= (ulong)short.MaxValue : max <= ushort.MaxValue)
            {
                return negative ? PrimitiveKind.Short : PrimitiveKind.UShort;
            }
        }

        if (min >= int.MinValue && max <= int.MaxValue)
        {
            return PrimitiveKind.Int;
        }

        if (!negative && max <= uint.MaxValue)
        {
            return PrimitiveKind.UInt;
        }

        return negative ? PrimitiveKind.LongLong : PrimitiveKind.ULongLong;
    }

    /// <summary>The C type of an integer primitive for constant expressions, or null for non-integers.</summary>
    public IntegerKind? IntegerKindOf(CType type) => type.Canonical switch
    {
        EnumType e => EnumUnderlyingKind(e.Decl) switch
        {
            PrimitiveKind.Long or PrimitiveKind.LongLong => IntegerKind.Long,
            PrimitiveKind.ULong or PrimitiveKind.ULongLong => IntegerKind.ULong,
            PrimitiveKind.UInt => IntegerKind.UInt,
            _ => IntegerKind.Int,
        },
        PointerType => IntegerKind.ULong,
        PrimitiveType { Kind: PrimitiveKind.UInt } => IntegerKind.UInt,
        PrimitiveType { Kind: PrimitiveKind.Long or PrimitiveKind.LongLong } => IntegerKind.Long,
        PrimitiveType { Kind: PrimitiveKind.ULong or PrimitiveKind.ULongLong } => IntegerKind.ULong,
        PrimitiveType { Kind: PrimitiveKind.Bool or PrimitiveKind.Char or PrimitiveKind.SChar or PrimitiveKind.Short or PrimitiveKind.Int } => IntegerKind.Int,
        PrimitiveType { Kind: PrimitiveKind.UChar or PrimitiveKind.UShort } => IntegerKind.UInt,
        _ => null,
    };

    /// <summary>
    /// The largest object laid out (2^58 bytes): offsets are kept in bits, and a struct of several such members still
    /// adds up within a long. clang refuses arrays from 2^61 bytes on these targets; .NET's limits are far lower (the binding stage checks those).
    /// </summary>
    public const long MaxObjectBytes = 1L << 58;

    private static long RoundUp(long value, long multiple) => multiple <= 1 ? value : (value + multiple - 1) / multiple * multiple;

    private static string RecordName(RecordDecl record) =>
        record.TypedefName ?? (record.Tag is null ? "(anonymous)" : (record.IsUnion ? "union " : "struct ") + record.Tag);
}
