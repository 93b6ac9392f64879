using Interop.Generator.Diagnostics;
using Interop.Generator.Model;
using Interop.Generator.Syntax;

namespace Interop.Generator.Tests.Frontend;

public class ParserTests
{
    private static TranslationUnit Parse(string text)
    {
        var (unit, _, diagnostics) = TestHeaders.Parse(text);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        return unit;
    }

    private static FunctionDecl Function(TranslationUnit unit, string name) =>
        unit.Declarations.OfType<FunctionDecl>().Single(f => f.Name == name);

    private static TypedefDecl Typedef(TranslationUnit unit, string name) =>
        unit.Declarations.OfType<TypedefDecl>().Single(t => t.Name == name);

    private static RecordDecl Record(TranslationUnit unit, string tag) =>
        unit.Declarations.OfType<TagDeclaration>().Select(t => t.Type).OfType<RecordType>().Select(r => r.Decl).Distinct().Single(r => r.Tag == tag);

    private static EnumDecl Enum(TranslationUnit unit, string tag) =>
        unit.Declarations.OfType<TagDeclaration>().Select(t => t.Type).OfType<EnumType>().Select(e => e.Decl).Single(e => e.Tag == tag);

    private static PrimitiveKind Primitive(CType type) => Assert.IsType<PrimitiveType>(type.Canonical).Kind;

    [Fact]
    public void Parser_ReadsTypedefOfPrimitive()
    {
        var unit = Parse("typedef unsigned int u32;\nu32 next(u32 x);");
        Assert.Equal(PrimitiveKind.UInt, Primitive(Typedef(unit, "u32").Type));
        var function = Function(unit, "next");
        Assert.Same(Typedef(unit, "u32"), Assert.IsType<TypedefType>(function.Type.ReturnType).Decl);
    }

    [Theory]
    [InlineData("unsigned long long int", PrimitiveKind.ULongLong)]
    [InlineData("long long", PrimitiveKind.LongLong)]
    [InlineData("long int", PrimitiveKind.Long)]
    [InlineData("unsigned long", PrimitiveKind.ULong)]
    [InlineData("long double", PrimitiveKind.LongDouble)]
    [InlineData("signed char", PrimitiveKind.SChar)]
    [InlineData("unsigned char", PrimitiveKind.UChar)]
    [InlineData("char", PrimitiveKind.Char)]
    [InlineData("short int", PrimitiveKind.Short)]
    [InlineData("unsigned short", PrimitiveKind.UShort)]
    [InlineData("unsigned", PrimitiveKind.UInt)]
    [InlineData("signed", PrimitiveKind.Int)]
    [InlineData("_Bool", PrimitiveKind.Bool)]
    [InlineData("int long unsigned", PrimitiveKind.ULong)]
    [InlineData("__int128", PrimitiveKind.Int128)]
    public void Parser_CombinesTypeSpecifiers(string specifiers, PrimitiveKind expected)
    {
        Assert.Equal(expected, Primitive(Typedef(Parse($"typedef {specifiers} t;"), "t").Type));
    }

    [Fact]
    public void Parser_SignedAndUnsignedTogetherIsSyntaxError()
    {
        var (_, _, diagnostics) = TestHeaders.Parse("typedef signed unsigned int t;");
        Assert.Equal("INTEROP1010", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Parser_ReadsStructFieldsInOrder()
    {
        var record = Record(Parse("struct point { int x; int y; double w, h; };"), "point");
        Assert.False(record.IsUnion);
        Assert.Equal(new[] { "x", "y", "w", "h" }, record.Fields!.Select(f => f.Name));
        Assert.Equal(PrimitiveKind.Double, Primitive(record.Fields![3].Type));
    }

    [Fact]
    public void Parser_ReadsNestedStructDefinitionAndMakesItsTagVisible()
    {
        var unit = Parse("struct outer { struct inner { int a; } in; int b; };\nstruct inner make_inner(void);");
        var outer = Record(unit, "outer");
        var inner = Assert.IsType<RecordType>(outer.Fields![0].Type).Decl;
        Assert.Equal("inner", inner.Tag);
        Assert.Equal("a", Assert.Single(inner.Fields!).Name);
        Assert.Same(inner, Assert.IsType<RecordType>(Function(unit, "make_inner").Type.ReturnType).Decl);
    }

    [Fact]
    public void Parser_ForwardDeclaredStructIsOpaque()
    {
        var unit = Parse("struct opaque;\nstruct opaque *make(void);");
        var pointer = Assert.IsType<PointerType>(Function(unit, "make").Type.ReturnType);
        var record = Assert.IsType<RecordType>(pointer.Pointee).Decl;
        Assert.Null(record.Fields);
        Assert.False(record.IsComplete);
    }

    [Fact]
    public void Parser_LaterDefinitionCompletesForwardDeclaredStruct()
    {
        var unit = Parse("struct node;\ntypedef struct node node_t;\nstruct node { node_t *next; int v; };");
        var record = Assert.IsType<RecordType>(Typedef(unit, "node_t").Type).Decl;
        Assert.True(record.IsComplete);
        Assert.Equal(new[] { "next", "v" }, record.Fields!.Select(f => f.Name));
        Assert.Same(record, Record(unit, "node"));
    }

    [Fact]
    public void Parser_TypedefNamesAnonymousStruct()
    {
        var unit = Parse("typedef struct { int x; } anon_t;");
        var record = Assert.IsType<RecordType>(Typedef(unit, "anon_t").Type).Decl;
        Assert.Null(record.Tag);
        Assert.Equal("anon_t", record.TypedefName);
    }

    [Fact]
    public void Parser_ReadsUnion()
    {
        var record = Record(Parse("union value { int i; float f; void *p; };"), "value");
        Assert.True(record.IsUnion);
        Assert.Equal(3, record.Fields!.Count);
    }

    [Fact]
    public void Parser_KeepsAnonymousMemberUnion()
    {
        var record = Record(Parse("struct v { int kind; union { int i; float f; }; };"), "v");
        Assert.Equal(2, record.Fields!.Count);
        Assert.Null(record.Fields[1].Name);
        Assert.True(Assert.IsType<RecordType>(record.Fields[1].Type).Decl.IsUnion);
    }

    [Fact]
    public void Parser_EnumValuesAreImplicitExplicitAndComputed()
    {
        var unit = Parse("enum color { RED, GREEN = 5, BLUE, MASK = 1 << 4, ALIAS = GREEN + BLUE, NEG = -2, AFTER };");
        var decl = Enum(unit, "color");
        Assert.Equal(new[] { "RED", "GREEN", "BLUE", "MASK", "ALIAS", "NEG", "AFTER" }, decl.Constants.Select(c => c.Name));
        Assert.Equal(new long[] { 0, 5, 6, 16, 11, -2, -1 }, decl.Constants.Select(c => c.Value.AsSigned));
        Assert.Equal(6, unit.EnumConstants["BLUE"].Value.AsSigned);
    }

    [Fact]
    public void Parser_EnumAcceptsTrailingComma()
    {
        Assert.Equal(2, Enum(Parse("enum e { A, B, };"), "e").Constants.Count);
    }

    [Fact]
    public void Parser_EnumValueMayReferToEarlierEnum()
    {
        var unit = Parse("enum a { BASE = 100 };\nenum b { NEXT = BASE + 1 };");
        Assert.Equal(101, Enum(unit, "b").Constants[0].Value.AsSigned);
    }

    [Fact]
    public void Parser_EnumAfterIntMaxBecomesLong()
    {
        var decl = Enum(Parse("enum big { TOP = 2147483647, OVER };"), "big");
        Assert.Equal(2147483648L, decl.Constants[1].Value.AsSigned);
    }

    [Fact]
    public void Parser_ReadsFunctionWithNamedParameters()
    {
        var function = Function(Parse("int add(int a, const char *b);"), "add");
        Assert.Equal(new[] { "a", "b" }, function.Type.Parameters.Select(p => p.Name));
        Assert.Equal(PrimitiveKind.Int, Primitive(function.Type.Parameters[0].Type));
        Assert.IsType<PointerType>(function.Type.Parameters[1].Type);
        Assert.False(function.Type.IsVariadic);
        Assert.True(function.Type.HasPrototype);
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 1, 5), function.Location);
    }

    [Fact]
    public void Parser_ReadsUnnamedParameters()
    {
        var function = Function(Parse("void f(int, char *, double[4]);"), "f");
        Assert.All(function.Type.Parameters, p => Assert.Null(p.Name));
        Assert.Equal(3, function.Type.Parameters.Count);
        Assert.IsType<PointerType>(function.Type.Parameters[2].Type); // arrays adjust to pointers
    }

    [Fact]
    public void Parser_VoidParameterListIsEmptyPrototype()
    {
        var unit = Parse("void g(void);\nvoid h();");
        Assert.Empty(Function(unit, "g").Type.Parameters);
        Assert.True(Function(unit, "g").Type.HasPrototype);
        Assert.False(Function(unit, "h").Type.HasPrototype);
    }

    [Fact]
    public void Parser_SetsVariadicFlag()
    {
        var function = Function(Parse("int log_msg(int level, const char *fmt, ...);"), "log_msg");
        Assert.True(function.Type.IsVariadic);
        Assert.Equal(2, function.Type.Parameters.Count);
    }

    [Fact]
    public void Parser_ReadsFunctionPointerTypedef()
    {
        var typedef = Typedef(Parse("typedef int (*cb)(void*, int);"), "cb");
        var pointer = Assert.IsType<PointerType>(typedef.Type);
        var function = Assert.IsType<FunctionType>(pointer.Pointee);
        Assert.Equal(PrimitiveKind.Int, Primitive(function.ReturnType));
        Assert.Equal(2, function.Parameters.Count);
        Assert.Equal(PrimitiveKind.Void, Primitive(Assert.IsType<PointerType>(function.Parameters[0].Type).Pointee));
    }

    [Fact]
    public void Parser_ReadsFunctionPointerField()
    {
        var record = Record(Parse("struct ops { void (*on_event)(int code); int (*get)(void); };"), "ops");
        var field = record.Fields![0];
        Assert.Equal("on_event", field.Name);
        var function = Assert.IsType<FunctionType>(Assert.IsType<PointerType>(field.Type).Pointee);
        Assert.Equal("code", Assert.Single(function.Parameters).Name);
    }

    [Fact]
    public void Parser_ReadsFunctionReturningFunctionPointer()
    {
        // signal-style: void (*set_handler(int sig, void (*h)(int)))(int);
        var function = Function(Parse("void (*set_handler(int sig, void (*h)(int)))(int);"), "set_handler");
        Assert.Equal(2, function.Type.Parameters.Count);
        Assert.IsType<FunctionType>(Assert.IsType<PointerType>(function.Type.ReturnType).Pointee);
    }

    [Fact]
    public void Parser_ReadsArrayField()
    {
        var field = Record(Parse("struct s { char name[16]; };"), "s").Fields![0];
        var array = Assert.IsType<ArrayType>(field.Type);
        Assert.Equal(16, array.Length);
        Assert.Equal(PrimitiveKind.Char, Primitive(array.Element));
    }

    [Fact]
    public void Parser_MultiDimensionalArrayIsArrayOfArrays()
    {
        var field = Record(Parse("struct s { int a[2][3]; };"), "s").Fields![0];
        var outer = Assert.IsType<ArrayType>(field.Type);
        Assert.Equal(2, outer.Length);
        var inner = Assert.IsType<ArrayType>(outer.Element);
        Assert.Equal(3, inner.Length);
    }

    [Fact]
    public void Parser_ArraySizeMayUseEnumConstantAndSizeof()
    {
        var record = Record(Parse("enum { N = 4 };\nstruct s { int v[N * 2]; char w[sizeof(long) + sizeof(struct s *)]; };"), "s");
        Assert.Equal(8, Assert.IsType<ArrayType>(record.Fields![0].Type).Length);
        Assert.Equal(16, Assert.IsType<ArrayType>(record.Fields![1].Type).Length);
    }

    [Fact]
    public void Parser_FlexibleArrayMemberHasNoLength()
    {
        var record = Record(Parse("struct buf { int n; char data[]; };"), "buf");
        Assert.Null(Assert.IsType<ArrayType>(record.Fields![1].Type).Length);
    }

    [Fact]
    public void Parser_StaticInlineFunctionBodyIsSkipped()
    {
        var unit = Parse("static inline int sq(int x) { if (x) { return x * x; } return 0; }\nint after(void);");
        var sq = Function(unit, "sq");
        Assert.True(sq.HasBody);
        Assert.True(sq.IsInline);
        Assert.True(sq.IsStatic);
        Assert.False(Function(unit, "after").HasBody);
    }

    [Fact]
    public void Parser_SkipsGnuAttributesAndDeclspec()
    {
        var unit = Parse("""
            __attribute__((visibility("default"))) int f(void) __attribute__((nonnull(1), warn_unused_result));
            __declspec(dllexport) int g(void);
            int __cdecl h(int x __attribute__((unused)));
            struct __attribute__((aligned(8))) s { int a; } __attribute__((may_alias));
            """);
        Assert.Equal(new[] { "f", "g", "h" }, unit.Declarations.OfType<FunctionDecl>().Select(f => f.Name));
        Assert.Equal("x", Function(unit, "h").Type.Parameters[0].Name);
        Assert.Single(Record(unit, "s").Fields!);
    }

    [Fact]
    public void Parser_SkipsStaticAssertAtTopLevelAndInStruct()
    {
        var unit = Parse("_Static_assert(sizeof(int) == 4, \"int\");\nstruct s { int a; _Static_assert(1, \"x\"); int b; };\nint f(void);");
        Assert.Equal(2, Record(unit, "s").Fields!.Count);
        Function(unit, "f");
    }

    [Fact]
    public void Parser_ConstPointeeIsConst()
    {
        var function = Function(Parse("const char* name(void);\nvoid put(char *const s);"), "name");
        var pointer = Assert.IsType<PointerType>(function.Type.ReturnType);
        Assert.False(pointer.IsConst);
        Assert.True(pointer.Pointee.IsConst);
    }

    [Fact]
    public void Parser_ConstPointerHasNonConstPointee()
    {
        var function = Function(Parse("void put(char *const s);"), "put");
        var pointer = Assert.IsType<PointerType>(function.Type.Parameters[0].Type);
        Assert.True(pointer.IsConst);
        Assert.False(pointer.Pointee.IsConst);
    }

    [Fact]
    public void Parser_ReadsBitfields()
    {
        var record = Record(Parse("struct b { unsigned a : 3; unsigned : 2; int c : 5, d : 1; };"), "b");
        Assert.Equal(new string?[] { "a", null, "c", "d" }, record.Fields!.Select(f => f.Name));
        Assert.Equal(new int?[] { 3, 2, 5, 1 }, record.Fields!.Select(f => f.BitWidth));
    }

    [Theory]
    [InlineData("struct x { int a : 33; };", "bitfield width 33")]
    [InlineData("struct x { int a : 0; };", "zero width")]
    [InlineData("struct x { int a : -1; };", "bitfield width -1")]
    public void Parser_RejectsInvalidBitfieldWidth(string text, string message)
    {
        var (_, _, diagnostics) = TestHeaders.Parse(text);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1010", diagnostic.Id);
        Assert.Contains(message, diagnostic.Message);
    }

    [Fact]
    public void Parser_RecoversAfterBrokenDeclaration()
    {
        var (unit, _, diagnostics) = TestHeaders.Parse("int ok1(void);\nint broken(int x int y);\nint ok2(void);\n");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1010", diagnostic.Id);
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 2, 18), diagnostic.Location); // clang-14: expected ')'
        Assert.Equal(new[] { "ok1", "ok2" }, unit.Declarations.OfType<FunctionDecl>().Select(f => f.Name));
    }

    [Fact]
    public void Parser_RecoversAfterBrokenStruct()
    {
        var (unit, _, diagnostics) = TestHeaders.Parse("struct bad { int a; int b c; };\nstruct good { int b; };\n");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 1, 27), diagnostic.Location);
        Assert.Equal("b", Assert.Single(Record(unit, "good").Fields!).Name);
    }

    [Fact]
    public void Parser_UnknownTypeNameIsInterop1012NamingIt()
    {
        var (unit, _, diagnostics) = TestHeaders.Parse("int ok(void);\nfoo_t make(void);\nint ok2(void);");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1012", diagnostic.Id);
        Assert.Contains("'foo_t'", diagnostic.Message);
        Assert.Equal(new SourceLocation(TestHeaders.MainPath, 2, 1), diagnostic.Location);
        Assert.Contains(unit.Declarations.OfType<FunctionDecl>(), f => f.Name == "ok2");
    }

    [Fact]
    public void Parser_UnknownParameterTypeIsInterop1012()
    {
        var (_, _, diagnostics) = TestHeaders.Parse("void f(int a, bar_t *b);");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1012", diagnostic.Id);
        Assert.Contains("'bar_t'", diagnostic.Message);
        Assert.Equal(15, diagnostic.Location.Column);
    }

    [Fact]
    public void Parser_AttachesDocCommentToFunction()
    {
        var unit = Parse("/** Adds two numbers. */\nint add(int a, int b);\n/// Frees it.\nvoid release(void *p);");
        Assert.Equal("Adds two numbers.", Function(unit, "add").Doc);
        Assert.Equal("Frees it.", Function(unit, "release").Doc);
    }

    [Fact]
    public void Parser_SeveralDeclaratorsInOneDeclaration()
    {
        var unit = Parse("int a(void), *b(int), c;");
        Assert.Equal(new[] { "a", "b" }, unit.Declarations.OfType<FunctionDecl>().Select(f => f.Name));
        Assert.IsType<PointerType>(Function(unit, "b").Type.ReturnType);
    }

    [Fact]
    public void Parser_SkipsVariableInitializersAndExternVariables()
    {
        var unit = Parse("extern int counter;\nstatic const int table[] = { 1, 2, { 3 } };\nint f(void);");
        Assert.Equal("f", Assert.Single(unit.Declarations.OfType<FunctionDecl>()).Name);
    }

    [Fact]
    public void Parser_PragmaPackSetsMaxFieldAlignment()
    {
        var unit = Parse("#pragma pack(push, 2)\nstruct p { char a; int b; };\n#pragma pack(pop)\nstruct q { char a; int b; };");
        Assert.Equal(2, Record(unit, "p").MaxFieldAlignment);
        Assert.Null(Record(unit, "q").MaxFieldAlignment);
    }

    [Fact]
    public void Parser_PackedAttributeMarksRecord()
    {
        var unit = Parse("struct __attribute__((packed)) a { char c; int i; };\nstruct b { char c; int i; } __attribute__((__packed__));\nstruct c { int i; };");
        Assert.True(Record(unit, "a").IsPacked);
        Assert.True(Record(unit, "b").IsPacked);
        Assert.False(Record(unit, "c").IsPacked);
    }

    [Fact]
    public void Parser_TypesFromBuiltinHeaderAreKnown()
    {
        var unit = Parse("#include <stdint.h>\n#include <stddef.h>\nuint32_t crc(const uint8_t *p, size_t n);");
        var function = Function(unit, "crc");
        Assert.Equal("uint32_t", Assert.IsType<TypedefType>(function.Type.ReturnType).Decl.Name);
        Assert.Equal(PrimitiveKind.ULong, Primitive(function.Type.Parameters[1].Type));
    }

    [Fact]
    public void Parser_MemberDeclaredAsFunctionIsSyntaxError()
    {
        var (_, _, diagnostics) = TestHeaders.Parse("struct s { int f(void); };");
        Assert.Equal("INTEROP1010", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Parser_MissingClosingBraceIsSyntaxError()
    {
        var (_, _, diagnostics) = TestHeaders.Parse("struct s { int a;");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1010", diagnostic.Id);
        Assert.Contains("missing '}'", diagnostic.Message);
    }
}
