using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Emit;

/// <summary>The emitter alone, from a hand-built model, against expected files reviewed line by line.</summary>
public sealed class BindingsEmitterTests
{
    private static readonly TypeRef Shape = new NamedTypeRef("shape", NamedTypeKind.Struct);

    private static readonly BindingModel Model = new(
        "shapes.h",
        "Shapes.Native",
        "Shapes",
        "shapes",
        new[]
        {
            new ConstantModel("SHAPES_MAX", TypeRef.Int, "16", "Most shapes per canvas."),
            new ConstantModel("SHAPES_MASK", TypeRef.UInt, "4294967295U", null),
        }.ToEquatableArray(),
        new[]
        {
            new EnumModel("shape_kind", TypeRef.Int, new[] { new EnumMemberModel("SHAPE_CIRCLE", "0", "A circle."), new EnumMemberModel("SHAPE_SQUARE", "1", null) }.ToEquatableArray(), "Kinds of shape."),
        }.ToEquatableArray(),
        new[]
        {
            new StructModel("shape", "struct shape", false, false, false, 48, 8, new[]
            {
                new FieldModel("kind", "kind", new NamedTypeRef("shape_kind", NamedTypeKind.Enum), 0, null),
                new FieldModel("name", "name", new NamedTypeRef("shape_name_Buffer", NamedTypeKind.FixedBuffer), 4, "Zero-terminated name."),
                new FieldModel("next", "next", Shape.Pointer(), 24, null),
                new FieldModel("on_draw", "on_draw", new FunctionPointerTypeRef(new[] { Shape.Pointer() }.ToEquatableArray(), TypeRef.Int), 32, null),
            }.ToEquatableArray(), new[]
            {
                new BitfieldModel("visible", "visible", TypeRef.UInt, false, 40, 1, 0, 1, 320, "Drawn or not."),
                new BitfieldModel("layer", "layer", TypeRef.Int, true, 40, 2, 1, 9, 321, null),
            }.ToEquatableArray(), new[] { new FixedBufferModel("shape_name_Buffer", TypeRef.SByte, 16) }.ToEquatableArray(), "A shape & its <links>."),
            new StructModel("point", "point", false, false, true, 16, 8, new[]
            {
                new FieldModel("x", "x", TypeRef.Int, 0, null),
                new FieldModel("len", "len", TypeRef.CLong, 8, null),
            }.ToEquatableArray(), EquatableArray<BitfieldModel>.Empty, EquatableArray<FixedBufferModel>.Empty, "A plain struct: sequential layout."),
            new StructModel("canvas", "struct canvas", false, true, false, 0, 1, EquatableArray<FieldModel>.Empty, EquatableArray<BitfieldModel>.Empty, EquatableArray<FixedBufferModel>.Empty, null),
        }.ToEquatableArray(),
        new[]
        {
            new FunctionModel("shapes_area", "shapes_area", TypeRef.Double, new[] { new ParameterModel("s", Shape.Pointer()) }.ToEquatableArray(), "Area of s."),
            // A parameter named by a C# keyword: the model keeps the C name, the emitter writes @params.
            new FunctionModel("canvas_new", "canvas_new", new NamedTypeRef("canvas", NamedTypeKind.Struct).Pointer(), new[] { new ParameterModel("width", TypeRef.Int), new ParameterModel("params", TypeRef.Void.Pointer()) }.ToEquatableArray(), null),
            new FunctionModel("shapes_reset", "shapes_reset", TypeRef.Void, EquatableArray<ParameterModel>.Empty, null),
            // C long in and out: long/ulong in the facade.
            new FunctionModel("shapes_scale", "shapes_scale", TypeRef.CULong, new[] { new ParameterModel("factor", TypeRef.CLong) }.ToEquatableArray(), null),
            // A pointer and length pair under the span rule, and a C long filled through a pointer: ReadOnlyMemory<byte> and ref long in the facade.
            new FunctionModel("shapes_parse", "shapes_parse", TypeRef.Int, new[]
            {
                new ParameterModel("data", TypeRef.Byte.Pointer()),
                new ParameterModel("length", TypeRef.NUInt),
                new ParameterModel("consumed", TypeRef.CLong.Pointer(), ValueShape.RefScalar),
            }.ToEquatableArray(), "Parses data.", Spans: new[] { new SpanPairModel("data", "length", TypeRef.Byte, true, TypeRef.NUInt) }.ToEquatableArray()),
        }.ToEquatableArray());

    [Fact]
    public void Bindings_MatchTheExpectedFile()
    {
        var file = BindingsEmitter.Emit(Model).Single(f => f.HintName == "Shapes.Native.Shapes.g.cs");
        AssertMatchesExpected("Shapes.g.cs.txt", file.Text);
    }

    [Fact]
    public void Facade_MatchesTheExpectedFile()
    {
        var file = BindingsEmitter.Emit(Model).Single(f => f.HintName == "Shapes.Native.Shapes.Facade.g.cs");
        AssertMatchesExpected("Shapes.Facade.g.cs.txt", file.Text);
    }

    [Fact]
    public void Output_IsTheSameForEqualModels_AndUsesOnlyNewlines()
    {
        var copy = Model with { Functions = Model.Functions.ToArray().ToEquatableArray() };
        Assert.Equal(Model, copy);
        var first = BindingsEmitter.Emit(Model);
        var second = BindingsEmitter.Emit(copy);
        Assert.Equal(first, second);
        Assert.DoesNotContain('\r', string.Concat(first.Select(f => f.Text)));
    }

    private static void AssertMatchesExpected(string name, string actual)
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Interop.Generator.Tests", "Emit", "Expected", name);
        if (Environment.GetEnvironmentVariable("INTEROP_UPDATE_EXPECTED") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }
}
