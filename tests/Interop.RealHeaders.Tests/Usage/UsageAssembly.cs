using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Interop.Generator;
using Interop.Generator.Emit;
using Interop.Generator.Model;
using Interop.RealHeaders.Tests.Catalog;
using Interop.RealHeaders.Tests.Roslyn;
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
    /// <param name="id">The header's catalog id.</param>
    /// <param name="mode">The bindings' form: the primary build's LibraryImport one, or the Roslyn 4.14 build's DllImport one.</param>
    public static TUsage Driver<TUsage>(string id, ImportMode mode = ImportMode.LibraryImport)
        where TUsage : class
    {
        var type = Of(id, mode).GetTypes().Single(t => t.IsClass && typeof(TUsage).IsAssignableFrom(t));
        return (TUsage)Activator.CreateInstance(type)!;
    }

    /// <summary>The loaded assembly of header <paramref name="id"/>: its bindings and its driver.</summary>
    public static Assembly Of(string id, ImportMode mode = ImportMode.LibraryImport)
    {
        var bound = BoundHeader.Get(id);
        return Loaded.GetOrAdd(id + "/" + mode, _ => new Lazy<Assembly>(() => Load(bound, mode))).Value;
    }

    private static Assembly Load(BoundHeader bound, ImportMode mode) =>
        Load(bound.Header, mode == ImportMode.DllImport ? bound.FallbackCompilation : bound.Compilation, bound.Header.ClassName + "Driver.cs");

    /// <summary>
    /// Header <paramref name="id"/> bound with the options <paramref name="configure"/> adds to the catalog's request,
    /// compiled with the driver <c>Usage/Drivers/{driverName}.cs</c> (loaded once per driver).
    /// </summary>
    public static Assembly WithOptions(string id, Func<BindingRequest, BindingRequest> configure, string driverName) =>
        Loaded.GetOrAdd(id + "/" + driverName, _ => new Lazy<Assembly>(() =>
        {
            var header = BoundHeader.Get(id).Header;
            var request = configure(BindingRequest.Create(header.HeaderPath, header.LibraryName, header.Namespace, header.ClassName, header.IncludeDirectories));
            var result = HeaderCompiler.Compile(request, path => File.Exists(path) ? File.ReadAllText(path) : null);
            var model = result.Model ?? throw new Xunit.Sdk.XunitException(string.Join("\n", result.Diagnostics));
            // Its own assembly name: proxy generators (Moq's Castle) resolve types by assembly name, and the catalog's
            // bindings of the same header are already loaded as RealHeaders.{Class}.
            return Load(header, BindingsCompilation.Create(model, $"RealHeaders.{header.ClassName}.{driverName}"), driverName + ".cs");
        })).Value;

    private static Assembly Load(RealHeader header, BindingsCompilation compilation, string driverFile)
    {
        var driver = Path.Combine(AppContext.BaseDirectory, "Usage", "Drivers", driverFile);
        var image = compilation.EmitWith([driver], [MetadataReference.CreateFromFile(typeof(UsageAssembly).Assembly.Location)]);
        return new BindingsLoadContext(header).LoadFromStream(new MemoryStream(image));
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
