using Shapes.Native;

namespace Shapes;

/// <summary>Library code over the bindings.</summary>
public static class Ruler
{
    public static int Distance(int x1, int y1, int x2, int y2) =>
        Geometry.Current.geometry_distance(new point { x = x1, y = y1 }, new point { x = x2, y = y2 });
}
