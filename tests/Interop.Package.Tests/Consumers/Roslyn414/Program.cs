using System.Runtime.InteropServices;
using System.Text;
using Roslyn414.Native;

var a = new point { x = 1, y = 2 };
var b = new point { x = 4, y = -2 };
Console.WriteLine($"geometry_distance={Geometry.geometry_distance(a, b)}");
Console.WriteLine($"GEOMETRY_VERSION={Geometry.GEOMETRY_VERSION}");
IGeometry facade = GeometryNative.Instance;
Console.WriteLine($"facade={facade.geometry_distance(a, b)}");
// A friendly overload (a string returned by C), marshalled by hand in the fallback build.
unsafe
{
    Console.WriteLine($"zlibVersion={Marshal.PtrToStringUTF8((nint)Zlib.zlibVersion())}");
    var data = Encoding.ASCII.GetBytes("hello");
    fixed (byte* p = data)
    {
        Console.WriteLine($"crc32={Zlib.crc32(new CULong(0), p, (uint)data.Length).Value:x8}");
    }
}
