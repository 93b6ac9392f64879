using Shapes.Native;

Console.WriteLine($"ruler={Shapes.Ruler.Distance(1, 2, 4, -2)}");
Console.WriteLine($"direct={Geometry.geometry_distance(new point { x = 0, y = 0 }, new point { x = 2, y = 3 })}");
Console.WriteLine($"bindings-assembly={typeof(Geometry).Assembly.GetName().Name}");
Console.WriteLine($"facade-assembly={typeof(IGeometry).Assembly.GetName().Name}");
// Types named like the bindings, anywhere in the app's own assembly, would be duplicates.
var duplicates = typeof(Program).Assembly.GetTypes().Where(t => t.Name is "Geometry" or "IGeometry" or "GeometryNative" or "point");
Console.WriteLine($"app-binding-types={duplicates.Count()}");
