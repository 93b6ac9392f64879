using System.Runtime.InteropServices;
using ShimApp.Native;

var a = new vec2 { x = 2, y = 3 };
var b = new vec2 { x = 4, y = 5 };
Console.WriteLine($"vec2_dot={Vectors.vec2_dot(a, b)}");
var scaled = Vectors.vec2_scale(a, 10);
Console.WriteLine($"vec2_scale={scaled.x},{scaled.y}");
unsafe
{
    Vectors.vec2_add_into(&a, &b);
}

Console.WriteLine($"vec2_add_into={a.x},{a.y}");
Console.WriteLine($"vec2_cross={Vectors.vec2_cross(new vec2 { x = 1, y = 0 }, new vec2 { x = 0, y = 1 })}");
Console.WriteLine($"facade={VectorsNative.Instance.vec2_dot(a, b)}");
Console.WriteLine($"__bswap_32={Bswap.__bswap_32(0x12345678u):x8}");
Console.WriteLine($"__bswap_16={Bswap.__bswap_16(0x1234):x4}");
Console.WriteLine($"VEC_MAX_OF={Vectors.VEC_MAX_OF(-4, 9)},{Vectors.VEC_MAX_OF(7, -2)}");
Console.WriteLine($"facade_max={VectorsNative.Instance.VEC_MAX_OF(3, 5)}");
Console.WriteLine($"bswap_64={Bswap.bswap_64(new CULong((nuint)0x0102030405060708ul)).Value:x16}"); // a macro over the static inline __bswap_64; glibc's __uint64_t is unsigned long
var dev = Dev.makedev(0x12345u, 0xABCDEu);
Console.WriteLine($"makedev={dev.Value:x}");
Console.WriteLine($"major={Dev.major(dev):x},minor={Dev.minor(dev):x}");
