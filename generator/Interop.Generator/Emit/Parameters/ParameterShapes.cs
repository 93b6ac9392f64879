using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary>The registration of every <see cref="ValueShape"/>: the one class that writes it.</summary>
internal static class ParameterShapes
{
    private static readonly Dictionary<ValueShape, ParameterShape> Shapes = new()
    {
        [ValueShape.Raw] = new RawParameter(),
        [ValueShape.Utf8String] = new Utf8StringParameter(),
        [ValueShape.Bool] = new BoolParameter(),
        [ValueShape.OutPointer] = new OutPointerParameter(),
        [ValueShape.RefScalar] = new RefScalarParameter(),
        [ValueShape.Handle] = new HandleParameter(),
        [ValueShape.OutHandle] = new OutHandleParameter(),
    };

    public static ParameterShape Of(ValueShape shape) =>
        Shapes.TryGetValue(shape, out var writer) ? writer : throw new InvalidOperationException($"no writer registered for the parameter shape {shape}");

    public static ParameterShape Of(ParameterModel parameter) => Of(parameter.Shape);
}
