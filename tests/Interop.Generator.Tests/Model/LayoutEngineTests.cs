using Interop.Generator.Model;
using Interop.Generator.Syntax;

namespace Interop.Generator.Tests.Model;

/// <summary>
/// x86_64 SysV layouts. Every expected number was printed by a probe compiled with
/// <c>clang-14 -target x86_64-linux-gnu</c> (sizeof, _Alignof, offsetof, and for bitfields the first set bit).
/// </summary>
public class LayoutEngineTests
{
    private static (RecordLayout Layout, LayoutEngine Engine) Lay(string header, string tag)
    {
        var (unit, engine, diagnostics) = TestHeaders.Parse(header);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        var record = unit.Declarations.OfType<TagDeclaration>().Select(t => t.Type).OfType<RecordType>().Select(r => r.Decl).First(r => r.Tag == tag);
        return (engine.Layout(record), engine);
    }

    private static void AssertRecord(string header, string tag, long size, long alignment, params (string Field, long ByteOffset)[] offsets)
    {
        var (layout, _) = Lay(header, tag);
        Assert.Equal(size, layout.Size);
        Assert.Equal(alignment, layout.Alignment);
        foreach (var (field, offset) in offsets)
        {
            Assert.Equal(offset, layout.Fields.Single(f => f.Field.Name == field).ByteOffset);
        }
    }

    private static void AssertBits(string header, string tag, long size, long alignment, params (string Field, long BitOffset)[] bits)
    {
        var (layout, _) = Lay(header, tag);
        Assert.Equal(size, layout.Size);
        Assert.Equal(alignment, layout.Alignment);
        foreach (var (field, bit) in bits)
        {
            var f = layout.Fields.Single(x => x.Field.Name == field);
            Assert.Equal(bit, f.BitOffset);
            Assert.Equal(bit / 8, f.ByteOffset);
        }
    }

    [Fact]
    public void Layout_PadsBetweenCharAndInt() =>
        AssertRecord("struct s1 { char a; int b; };", "s1", 8, 4, ("a", 0), ("b", 4));

    [Fact]
    public void Layout_AddsTrailingPadding() =>
        AssertRecord("struct s2 { int a; char b; };", "s2", 8, 4, ("b", 4));

    [Fact]
    public void Layout_AlignsDoubleAndPadsAfterShort() =>
        AssertRecord("struct s3 { char c; double d; short s; };", "s3", 24, 8, ("d", 8), ("s", 16));

    [Fact]
    public void Layout_NestedStructCarriesItsAlignment() =>
        AssertRecord("struct in { char a; double d; };\nstruct out { char c; struct in i; char e; };", "out", 32, 8, ("i", 8), ("e", 24));

    [Fact]
    public void Layout_ArraysUseElementAlignment() =>
        AssertRecord("struct arr { char c[3]; int x[2]; short s; };", "arr", 16, 4, ("x", 4), ("s", 12));

    [Fact]
    public void Layout_TwoDimensionalArray() =>
        AssertRecord("struct m2 { char a; int m[2][3]; };", "m2", 28, 4, ("m", 4));

    [Fact]
    public void Layout_UnionTakesLargestSizeAndAlignment()
    {
        AssertRecord("union u1 { char c[5]; int i; double d; };", "u1", 8, 8, ("c", 0), ("i", 0), ("d", 0));
        AssertRecord("union u2 { char c[9]; int i; };", "u2", 12, 4);
    }

    [Fact]
    public void Layout_PointersAreEightBytes() =>
        AssertRecord("struct ptr { char c; void *p; int (*fp)(void); };", "ptr", 24, 8, ("p", 8), ("fp", 16));

    [Fact]
    public void Layout_LongDoubleIsSixteenAligned() =>
        AssertRecord("struct ld { char c; long double x; };", "ld", 32, 16, ("x", 16));

    [Fact]
    public void Layout_LongIsEightBytes() =>
        AssertRecord("struct lg { char c; long l; };", "lg", 16, 8, ("l", 8));

    [Fact]
    public void Layout_BoolThenShort() =>
        AssertRecord("struct bs { _Bool a; short s; };", "bs", 4, 2, ("s", 2));

    [Fact]
    public void Layout_EnumIsFourBytes() =>
        AssertRecord("enum E { EA };\nstruct en { char c; enum E e; };", "en", 8, 4, ("e", 4));

    [Fact]
    public void Layout_AnonymousUnionMember()
    {
        var (layout, _) = Lay("struct an { int kind; union { int i; double d; }; };", "an");
        Assert.Equal(16, layout.Size);
        Assert.Equal(8, layout.Alignment);
        Assert.Equal(8, layout.Fields[1].ByteOffset);
    }

    [Fact]
    public void Layout_BitfieldThatWouldStraddleMovesToNextUnit() =>
        AssertBits("struct bf1 { char a; int b : 4; int c : 30; };", "bf1", 8, 4, ("b", 8), ("c", 32));

    [Fact]
    public void Layout_ConsecutiveUnsignedBitfields() =>
        AssertBits("struct bf2 { unsigned a:3, b:5, c:25; };", "bf2", 8, 4, ("a", 0), ("b", 3), ("c", 32));

    [Fact]
    public void Layout_ZeroWidthBitfieldEndsUnitWithoutRaisingAlignment() =>
        AssertRecord("struct bf3 { char a; int : 0; char b; };", "bf3", 5, 1, ("b", 4));

    [Fact]
    public void Layout_ZeroWidthBitfieldBetweenBitfields() =>
        AssertBits("struct bf4 { int a : 3; int : 0; int b : 3; };", "bf4", 8, 4, ("b", 32));

    [Fact]
    public void Layout_CharBitfieldsStraddleRule() =>
        AssertBits("struct bf5 { char a : 4; char b : 6; };", "bf5", 2, 1, ("b", 8));

    [Fact]
    public void Layout_LongLongBitfieldThenInt() =>
        AssertBits("struct bf6 { long long a : 40; int b : 30; };", "bf6", 16, 8, ("b", 64));

    [Fact]
    public void Layout_UnnamedBitfieldDoesNotRaiseAlignment() =>
        AssertRecord("struct bf7 { char a; long : 4; };", "bf7", 2, 1);

    [Fact]
    public void Layout_OrdinaryFieldAfterBitfield() =>
        AssertRecord("struct bf8 { char a; int b : 4; char c; };", "bf8", 4, 4, ("c", 2));

    [Fact]
    public void Layout_PackedAttributeBeforeTag() =>
        AssertRecord("struct __attribute__((packed)) pk { char a; int b; short c; };", "pk", 7, 1, ("b", 1), ("c", 5));

    [Fact]
    public void Layout_PackedAttributeAfterBody() =>
        AssertRecord("struct pk2 { char a; double b; } __attribute__((packed));", "pk2", 9, 1, ("b", 1));

    [Fact]
    public void Layout_PackedBitfieldMayStraddle() =>
        AssertBits("struct __attribute__((packed)) pkb { char a; int b : 30; };", "pkb", 5, 1, ("b", 8));

    private const string PragmaHeader = """
        #pragma pack(1)
        struct pp1 { char a; int b; short c; };
        #pragma pack(push, 2)
        struct pp2 { char a; int b; double c; };
        struct pp2b { char a; int b : 20; int c: 20; };
        #pragma pack(pop)
        struct pp1after { char a; int b; };
        #pragma pack()
        struct ppnone { char a; int b; };
        """;

    [Fact]
    public void Layout_PragmaPackOne() =>
        AssertRecord(PragmaHeader, "pp1", 7, 1, ("b", 1), ("c", 5));

    [Fact]
    public void Layout_PragmaPackPushTwo() =>
        AssertRecord(PragmaHeader, "pp2", 14, 2, ("b", 2), ("c", 6));

    [Fact]
    public void Layout_PragmaPackTwoBitfields() =>
        AssertBits(PragmaHeader, "pp2b", 6, 2, ("b", 8), ("c", 28));

    [Fact]
    public void Layout_PragmaPackPopRestoresPreviousPacking() =>
        AssertRecord(PragmaHeader, "pp1after", 5, 1, ("b", 1));

    [Fact]
    public void Layout_PragmaPackEmptyResetsToNatural() =>
        AssertRecord(PragmaHeader, "ppnone", 8, 4, ("b", 4));

    [Fact]
    public void Layout_FlexibleArrayMemberAddsNoSize()
    {
        AssertRecord("struct fam { int n; double d[]; };", "fam", 8, 8, ("d", 8));
        AssertRecord("struct fam2 { char c; int x[]; };", "fam2", 4, 4, ("x", 4));
    }

    [Fact]
    public void Layout_EmptyStructHasSizeZero() =>
        AssertRecord("struct empty { };", "empty", 0, 1);

    [Fact]
    public void Layout_IsCachedPerRecord()
    {
        var (unit, engine, _) = TestHeaders.Parse("struct c { int a; };");
        var record = unit.Declarations.OfType<TagDeclaration>().Select(t => ((RecordType)t.Type).Decl).Single();
        Assert.Same(engine.Layout(record), engine.Layout(record));
    }

    [Theory]
    [InlineData("char", 1, 1)]
    [InlineData("short", 2, 2)]
    [InlineData("int", 4, 4)]
    [InlineData("long", 8, 8)]
    [InlineData("long long", 8, 8)]
    [InlineData("float", 4, 4)]
    [InlineData("double", 8, 8)]
    [InlineData("long double", 16, 16)]
    [InlineData("__int128", 16, 16)]
    [InlineData("_Bool", 1, 1)]
    [InlineData("void *", 8, 8)]
    [InlineData("int (*)(void)", 8, 8)]
    [InlineData("char [10]", 10, 1)]
    [InlineData("__builtin_va_list", 24, 8)]
    public void Layout_MeasuresScalarTypes(string type, long size, long alignment)
    {
        var (unit, engine, diagnostics) = TestHeaders.Parse($"typedef {type.Replace("(*)", "(*t)").Replace(" [", " t[")}{(type.Contains("(*)") || type.Contains('[') ? "" : " t")};");
        Assert.Empty(diagnostics);
        var typedef = unit.Declarations.OfType<TypedefDecl>().Single();
        Assert.Equal((size, alignment), engine.Measure(typedef.Type));
    }

    [Fact]
    public void Layout_IncompleteStructHasNoLayout()
    {
        var (unit, engine, _) = TestHeaders.Parse("struct opaque;\ntypedef struct opaque opaque_t;");
        var typedef = unit.Declarations.OfType<TypedefDecl>().Single();
        var e = Assert.Throws<LayoutException>(() => engine.Measure(typedef.Type));
        Assert.Contains("incomplete", e.Message);
    }

    [Fact]
    public void Layout_VoidHasNoSize()
    {
        var (_, engine, _) = TestHeaders.Parse("");
        Assert.Throws<LayoutException>(() => engine.SizeOf(new PrimitiveType(PrimitiveKind.Void)));
    }

    [Fact]
    public void Layout_StructContainingItselfIsLayoutErrorNotStackOverflow()
    {
        var (unit, engine, _) = TestHeaders.Parse("struct self { int a; struct self inner; };");
        var record = unit.Declarations.OfType<TagDeclaration>().Select(t => ((RecordType)t.Type).Decl).Single();
        Assert.Throws<LayoutException>(() => engine.Layout(record));
    }

    [Fact]
    public void Layout_SizeofInArrayBoundUsesLayout()
    {
        var (layout, _) = Lay("struct in { char a; double d; };\nstruct s { char buf[sizeof(struct in) * 2]; };", "s");
        Assert.Equal(32, layout.Size);
    }
}
