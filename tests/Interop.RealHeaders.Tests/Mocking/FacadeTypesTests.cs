using System.Linq.Expressions;
using System.Reflection;
using Interop.RealHeaders.Tests.Usage;
using Moq;

namespace Interop.RealHeaders.Tests.Mocking;

/// <summary>
/// What a test author writes against zlib's real facade: C <c>unsigned long</c> (zlib's <c>uLong</c>) as <c>ulong</c>,
/// which Moq matches by value, not <c>CULong</c>; and <c>gzopen</c>'s parameters named as zlib's comment names them.
/// The facade types come from the bindings generated for the real header and loaded against the real libz.
/// </summary>
public sealed class FacadeTypesTests
{
    private static readonly Assembly Zlib = UsageAssembly.Of("zlib");

    private static Type Facade => Zlib.GetType("RealHeaders.Zlib.IZlib", throwOnError: true)!;

    [Fact]
    public void CUnsignedLong_IsUlongInTheFacade_ForParametersReturnsAndRefs()
    {
        var compressBound = Facade.GetMethod("compressBound")!;
        var uncompress = Facade.GetMethod("uncompress")!;

        Assert.Equal(typeof(ulong), compressBound.ReturnType);
        Assert.Equal([typeof(ulong)], compressBound.GetParameters().Select(p => p.ParameterType));
        Assert.Equal(typeof(ulong).MakeByRefType(), uncompress.GetParameters()[1].ParameterType);
    }

    [Fact]
    public void Moq_MatchesAUlongArgumentByValue_AndReturnsAUlong()
    {
        // mock.Setup(z => z.compressBound(1000UL)).Returns(1013UL), built by reflection because the facade type is loaded at run time.
        var mock = (Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(Facade))!;
        var compressBound = Facade.GetMethod("compressBound")!;
        var z = Expression.Parameter(Facade, "z");
        var call = Expression.Lambda(typeof(Func<,>).MakeGenericType(Facade, typeof(ulong)), Expression.Call(z, compressBound, Expression.Constant(1000UL)), z);
        var setup = mock.GetType().GetMethods().Single(m => m.Name == "Setup" && m.IsGenericMethodDefinition && m.GetParameters().Length == 1).MakeGenericMethod(typeof(ulong)).Invoke(mock, [call])!;
        setup.GetType().GetMethod("Returns", [typeof(ulong)])!.Invoke(setup, [1013UL]);

        Assert.Equal(1013UL, compressBound.Invoke(mock.Object, [1000UL]));
        Assert.Equal(0UL, compressBound.Invoke(mock.Object, [999UL]));
    }

    [Fact]
    public void DefaultFacade_ConvertsUlongToTheRealCUnsignedLongAndBack()
    {
        var native = Zlib.GetType("RealHeaders.Zlib.ZlibNative", throwOnError: true)!;
        var instance = native.GetProperty("Instance")!.GetValue(null);
        var compressBound = Facade.GetMethod("compressBound")!;

        // zlib's documented bound: sourceLen + (sourceLen >> 12) + (sourceLen >> 14) + (sourceLen >> 25) + 13.
        const ulong n = 10_000_000_000UL;
        Assert.Equal(n + (n >> 12) + (n >> 14) + (n >> 25) + 13, compressBound.Invoke(instance, [n]));
    }

    [Fact]
    public void UnnamedParameters_TakeTheNamesOfThePrototypeInZlibsComment()
    {
        // zlib.h declares gzopen(const char *, const char *); its comment reads gzopen OF((const char *path, const char *mode)).
        Assert.Equal(["path", "mode"], Facade.GetMethod("gzopen")!.GetParameters().Select(p => p.Name));
    }
}
