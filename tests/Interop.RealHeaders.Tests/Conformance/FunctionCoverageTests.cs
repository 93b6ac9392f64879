using System.Runtime.InteropServices;
using Interop.RealHeaders.Tests.Catalog;
using Xunit.Abstractions;

namespace Interop.RealHeaders.Tests.Conformance;

/// <summary>
/// Every function clang sees in the library's own headers that P/Invoke can call (not variadic, not
/// static or inline) is bound, and every bound entry point resolves in the real shared library.
/// </summary>
public sealed class FunctionCoverageTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public async Task Every_bindable_function_clang_sees_is_bound(string id)
    {
        var bound = BoundHeader.Get(id);
        var clangFunctions = await bound.ClangFunctions;
        var ours = bound.Model.Functions.Select(f => f.EntryPoint).ToHashSet(StringComparer.Ordinal);

        var missing = new List<string>();
        var excused = new List<string>();
        foreach (var function in clangFunctions.Where(f => f.IsBindable && !ours.Contains(f.Name)))
        {
            var where = $"{function.Name} ({function.File}:{function.Line}: {function.Type})";
            if (function.UnbindableReason is { } reason)
            {
                excused.Add($"{where}: {reason}");
            }
            else
            {
                missing.Add(where);
            }
        }

        var notBindable = clangFunctions.Where(f => !f.IsBindable).ToList();
        output.WriteLine($"{id}: clang declares {clangFunctions.Count} functions; {notBindable.Count} variadic/static/inline, " +
            $"{excused.Count} excused, {missing.Count} missing; we bind {ours.Count}");
        foreach (var line in excused)
        {
            output.WriteLine("  excused: " + line);
        }

        // Everything we bind must be a function clang knows as bindable: nothing invented, nothing from another platform.
        var clangBindable = clangFunctions.Where(f => f.IsBindable).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = ours.Where(name => !clangBindable.Contains(name)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0 && unknown.Count == 0,
            $"{id}: {missing.Count} functions are not bound:\n  " + string.Join("\n  ", missing) +
            $"\n{unknown.Count} bound functions are not bindable C functions of the header per clang:\n  " + string.Join("\n  ", unknown));
    }

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public void Every_bound_entry_point_resolves_in_the_shared_library(string id)
    {
        var bound = BoundHeader.Get(id);
        var header = bound.Header;
        var handle = NativeLibrary.Load(header.SharedLibraryPath);
        try
        {
            var unresolved = bound.Model.Functions
                .Where(f => !NativeLibrary.TryGetExport(handle, f.EntryPoint, out _))
                .Select(f => f.EntryPoint)
                .ToList();
            var unexplained = unresolved.Where(name => !header.UnexportedFunctions.ContainsKey(name)).ToList();
            var stale = header.UnexportedFunctions.Keys.Where(name => !unresolved.Contains(name)).ToList();

            output.WriteLine($"{id}: {bound.Model.Functions.Count()} entry points looked up in {header.SharedLibraryPath}, {unresolved.Count} not exported");
            foreach (var name in unresolved.Where(header.UnexportedFunctions.ContainsKey))
            {
                output.WriteLine($"  not exported (known): {name}: {header.UnexportedFunctions[name]}");
            }

            Assert.True(unexplained.Count == 0 && stale.Count == 0,
                $"{id}: {unexplained.Count} bound functions are not exported by {header.SharedLibraryPath}:\n  " + string.Join("\n  ", unexplained) +
                $"\n{stale.Count} functions listed as not exported are exported or not bound (update the catalog):\n  " + string.Join("\n  ", stale));
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }
}
