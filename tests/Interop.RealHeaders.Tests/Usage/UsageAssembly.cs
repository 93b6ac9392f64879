using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Interop.RealHeaders.Tests.Catalog;
using Microsoft.CodeAnalysis;

namespace Interop.RealHeaders.Tests.Usage;

/// <summary>
/// A header's generated bindings compiled in memory together with its usage driver
/// (<c>Usage/Drivers/{ClassName}Driver.cs</c>), loaded into a context that resolves the bindings'
/// library name to the real shared library. The driver implements an interface of this assembly, so
/// tests call it with ordinary typed code.
/// </summary>
public static class UsageAssembly
{
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Loaded = new();

    /// <summary>The driver of header <paramref name="id"/> implementing <typeparamref name="TUsage"/>.</summary>
    public static TUsage Driver<TUsage>(string id)
        where TUsage : class
    {
        var type = Of(id).GetTypes().Single(t => t.IsClass && typeof(TUsage).IsAssignableFrom(t));
        return (TUsage)Activator.CreateInstance(type)!;
    }

    /// <summary>The loaded assembly of header <paramref name="id"/>: its bindings and its driver.</summary>
    public static Assembly Of(string id)
    {
        var bound = BoundHeader.Get(id);
        return Loaded.GetOrAdd(id, _ => new Lazy<Assembly>(() => Load(bound))).Value;
    }

    private static Assembly Load(BoundHeader bound)
    {
        var driver = Path.Combine(AppContext.BaseDirectory, "Usage", "Drivers", bound.Header.ClassName + "Driver.cs");
        var image = bound.Compilation.EmitWith([driver], [MetadataReference.CreateFromFile(typeof(UsageAssembly).Assembly.Location)]);
        return new BindingsLoadContext(bound.Header).LoadFromStream(new MemoryStream(image));
    }

    /// <summary>Resolves <c>[LibraryImport("z")]</c> and friends to the catalog's shared library path.</summary>
    private sealed class BindingsLoadContext(RealHeader header) : AssemblyLoadContext("RealHeaders." + header.Id)
    {
        // This test assembly (the driver interfaces) and the framework come from the default context.
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == typeof(UsageAssembly).Assembly.GetName().Name ? typeof(UsageAssembly).Assembly : null;

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            unmanagedDllName == header.LibraryName ? NativeLibrary.Load(header.SharedLibraryPath) : IntPtr.Zero;
    }
}
