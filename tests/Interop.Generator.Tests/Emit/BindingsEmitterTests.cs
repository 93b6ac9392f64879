using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Emit;

/// <summary>The emitter alone, from a hand-built model, against expected files reviewed line by line.</summary>
public sealed class BindingsEmitterTests
{
    private static readonly BindingModel Model = new(
        "shapes.h",
        "Shapes.Native",
        "Shapes",
        "shapes",
        new[]
        {
            new ConstantModel("SHAPES_MAX", "int", "16", "Most shapes per canvas."),
            new ConstantModel("SHAPES_MASK", "uint", "4294967295U", null),
        }.ToEquatableArray(),
        new[]
        {
            new EnumModel("shape_kind", "int", new[] { new EnumMemberModel("SHAPE_CIRCLE", "0", "A circle."), new EnumMemberModel("SHAPE_SQUARE", "1", null) }.ToEquatableArray(), "Kinds of shape."),
        }.ToEquatableArray(),
        new[]
        {
            new StructModel("shape", "struct shape", false, false, false, 48, 8, new[]
            {
                new FieldModel("kind", "kind", "shape_kind", 0, null),
                new FieldModel("name", "name", "shape_name_Buffer", 4, "Zero-terminated name."),
                new FieldModel("next", "next", "shape*", 24, null),
                new FieldModel("on_draw", "on_draw", "delegate* unmanaged[Cdecl]<shape*, int>", 32, null),
            }.ToEquatableArray(), new[]
            {
                new BitfieldModel("visible", "visible", "uint", false, 40, 1, 0, 1, 320, "Drawn or not."),
                new BitfieldModel("layer", "layer", "int", true, 40, 2, 1, 9, 321, null),
            }.ToEquatableArray(), new[] { new FixedBufferModel("shape_name_Buffer", "sbyte", 16) }.ToEquatableArray(), "A shape & its <links>."),
            new StructModel("point", "point", false, false, true, 16, 8, new[]
            {
                new FieldModel("x", "x", "int", 0, null),
                new FieldModel("len", "len", "global::System.Runtime.InteropServices.CLong", 8, null),
            }.ToEquatableArray(), EquatableArray<BitfieldModel>.Empty, EquatableArray<FixedBufferModel>.Empty, "A plain struct: sequential layout."),
            new StructModel("canvas", "struct canvas", false, true, false, 0, 1, EquatableArray<FieldModel>.Empty, EquatableArray<BitfieldModel>.Empty, EquatableArray<FixedBufferModel>.Empty, null),
        }.ToEquatableArray(),
        new[]
        {
            new FunctionModel("shapes_area", "shapes_area", "double", new[] { new ParameterModel("s", "shape*") }.ToEquatableArray(), "Area of s."),
            new FunctionModel("canvas_new", "canvas_new", "canvas*", new[] { new ParameterModel("width", "int"), new ParameterModel("@params", "void*") }.ToEquatableArray(), null),
            new FunctionModel("shapes_reset", "shapes_reset", "void", EquatableArray<ParameterModel>.Empty, null),
            // C long in and out: long/ulong in the facade.
            new FunctionModel("shapes_scale", "shapes_scale", "global::System.Runtime.InteropServices.CULong", new[] { new ParameterModel("factor", "global::System.Runtime.InteropServices.CLong") }.ToEquatableArray(), null),
            // A pointer and length pair under the span rule, and a C long filled through a pointer: ReadOnlyMemory<byte> and ref long in the facade.
            new FunctionModel("shapes_parse", "shapes_parse", "int", new[]
            {
                new ParameterModel("data", "byte*"),
                new ParameterModel("length", "nuint"),
                new ParameterModel("consumed", "global::System.Runtime.InteropServices.CLong*", ValueShape.RefScalar),
            }.ToEquatableArray(), "Parses data.", Spans: new[] { new SpanPairModel("data", "length", "byte", true, "nuint") }.ToEquatableArray()),
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
