namespace Interop.Generator.Syntax;

/// <summary>The C integer types a constant expression can have on an LP64 or LLP64 target, by rank.</summary>
public enum IntegerKind
{
    Int,
    UInt,
    Long,
    ULong,
}

/// <summary>An integer constant with its C type: the value's bits plus whether they read as signed, and at which width.</summary>
public readonly record struct IntegerValue(ulong Bits, IntegerKind Kind)
{
    public bool IsUnsigned => Kind is IntegerKind.UInt or IntegerKind.ULong;

    public bool Is64Bit => Kind is IntegerKind.Long or IntegerKind.ULong;

    public long AsSigned => Kind switch
    {
        IntegerKind.Int => (int)(uint)Bits,
        IntegerKind.UInt => (uint)Bits,
        _ => (long)Bits,
    };

    public bool IsZero => Normalize(Bits, Kind) == 0;

    public static IntegerValue Int(long value) => Of((ulong)value, IntegerKind.Int);

    public static IntegerValue Of(ulong bits, IntegerKind kind) => new(Normalize(bits, kind), kind);

    public IntegerValue ConvertTo(IntegerKind kind) => Of(Kind == IntegerKind.Int ? (ulong)AsSigned : Bits, kind);

    /// <summary>The usual arithmetic conversions (C11 6.3.1.8) for the LP64 ranks int &lt; long.</summary>
    public static IntegerKind Common(IntegerKind a, IntegerKind b)
    {
        var is64 = a is IntegerKind.Long or IntegerKind.ULong || b is IntegerKind.Long or IntegerKind.ULong;
        if (!is64)
        {
            return a == IntegerKind.UInt || b == IntegerKind.UInt ? IntegerKind.UInt : IntegerKind.Int;
        }

        return a == IntegerKind.ULong || b == IntegerKind.ULong ? IntegerKind.ULong : IntegerKind.Long;
    }

    public override string ToString() => IsUnsigned ? Bits.ToString(System.Globalization.CultureInfo.InvariantCulture) : AsSigned.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ulong Normalize(ulong bits, IntegerKind kind) => kind switch
    {
        IntegerKind.Int => (ulong)(long)(int)(uint)bits,
        IntegerKind.UInt => (uint)bits,
        _ => bits,
    };
}
