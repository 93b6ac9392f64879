using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

/// <summary>
/// packed, aligned(n), _Alignas and #pragma pack together. Expected values are what clang-14 prints for
/// the same declarations on x86_64-linux-gnu (sizeof, _Alignof, offsetof).
/// </summary>
public sealed class AttributeLayoutTests
{
    private const string Header = """
        typedef int aint8 __attribute__((aligned(8)));
        typedef long lowlong __attribute__((aligned(2)));
        struct a { char c; int x __attribute__((aligned(8))); };
        struct b { char c; aint8 x; };
        struct c { char c; lowlong x; };
        #pragma pack(push, 2)
        struct d { char c; int x __attribute__((aligned(8))); };
        struct e { char c; double x; };
        #pragma pack(pop)
        struct f { char c; int x; } __attribute__((packed, aligned(4)));
        struct g { char c; int x __attribute__((packed)); };
        struct h { char c; _Alignas(16) int x; };
        struct i { char c; __attribute__((aligned(16))) int x; short y; };
        struct __attribute__((aligned)) j { char c; };
        struct __declspec(align(32)) k { int x; };
        struct l { char c; _Alignas(double) char x; };
        void use(struct a*, struct b*, struct c*, struct d*, struct e*, struct f*, struct g*, struct h*, struct i*, struct j*, struct k*, struct l*);
        """;

    [Theory]
    [InlineData("a", 16, 8, "x", 8)]
    [InlineData("b", 16, 8, "x", 8)]
    [InlineData("c", 10, 2, "x", 2)]
    [InlineData("d", 6, 2, "x", 2)]
    [InlineData("e", 10, 2, "x", 2)]
    [InlineData("f", 8, 4, "x", 1)]
    [InlineData("g", 5, 1, "x", 1)]
    [InlineData("h", 32, 16, "x", 16)]
    [InlineData("i", 32, 16, "y", 20)]
    [InlineData("j", 16, 16, "c", 0)]
    [InlineData("k", 32, 32, "x", 0)]
    [InlineData("l", 16, 8, "x", 8)]
    public void Layout_MatchesClang(string tag, long size, long alignment, string field, long offset)
    {
        var result = TestHeaders.Compile(Header);

        Assert.Empty(result.Errors());
        var record = Assert.Single(result.Model!.Structs, s => s.Name == tag);
        Assert.Equal((size, alignment), (record.Size, record.Alignment));
        Assert.Equal(offset, Assert.Single(record.Fields, f => f.Name == field).Offset);
    }

    [Fact]
    public void AlignedWithAValueThatIsNotAPowerOfTwo_IsALocatedError()
    {
        var result = TestHeaders.Compile("struct s { int x __attribute__((aligned(3))); };\n");

        var error = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1010");
        Assert.Equal((1, 33), (error.Location.Line, error.Location.Column)); // at "aligned"
    }
}
