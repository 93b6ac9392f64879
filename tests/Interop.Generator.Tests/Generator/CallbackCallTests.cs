using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

/// <summary>
/// Callbacks with closures, function-pointer typedefs and string results, called for real in both import modes:
/// glibc's own <c>qsort_r</c> sorts with a C# lambda, a clang-built library calls a capturing lambda back with its
/// user data, an exception thrown by the lambda reaches the caller after C returned (and C saw the after-throw value),
/// a typedef'd function pointer is a type C# code can hold and call, and <c>const char*</c> / owned <c>char*</c>
/// results come back as strings (the owned one freed by the function the option names).
/// </summary>
public sealed class CallbackCallTests : IClassFixture<CallbackCallTests.VisitLibrary>
{
    private const string Header = """
        #include <stddef.h>
        typedef int (*visit_fn)(int item, void *state);
        /* Calls visit on each item until it returns non-zero; returns how many were visited. */
        int visit_all(const int *items, int count, visit_fn visit, void *state);
        /* The state comes first here, and the callback is not typedef'd. */
        int fold(void *state, int count, long (*step)(void *state, long acc, int i));
        visit_fn default_visitor(void);
        const char *library_name(void);
        char *make_greeting(const char *name);
        void greeting_free(char *text);
        int greetings_freed(void);
        int last_visited(void);
        void qsort_r(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *, void *), void *arg);
        """;

    private const string Implementation = """
        #include <stdlib.h>
        #include <string.h>
        static int freed, last;
        int visit_all(const int *items, int count, visit_fn visit, void *state) {
            int n = 0;
            for (int i = 0; i < count; i++) { n++; if (visit(items[i], state)) break; }
            return last = n;
        }
        int last_visited(void) { return last; }
        int fold(void *state, int count, long (*step)(void *state, long acc, int i)) {
            long acc = 0;
            for (int i = 0; i < count; i++) acc = step(state, acc, i);
            return (int)acc;
        }
        static int count_visit(int item, void *state) { (void)item; ++*(int *)state; return 0; }
        visit_fn default_visitor(void) { return count_visit; }
        const char *library_name(void) { return "visit 1.0"; }
        char *make_greeting(const char *name) { char *t = malloc(strlen(name) + 7); strcpy(t, "hello "); strcat(t, name); return t; }
        void greeting_free(char *text) { freed++; free(text); }
        int greetings_freed(void) { return freed; }
        """;

    private const string Probe = """
        using System;
        using System.Collections.Generic;
        using Test.Native;
        public static unsafe class Probe
        {
            public static string Sort()
            {
                var numbers = new[] { 5, 3, 9, 1, 7 };
                var descending = true;
                var comparisons = 0;
                fixed (int* p = numbers)
                {
                    TestLib.qsort_r(p, (nuint)numbers.Length, sizeof(int), (a, b) =>
                    {
                        comparisons++;
                        var x = *(int*)a;
                        var y = *(int*)b;
                        return descending ? y.CompareTo(x) : x.CompareTo(y);
                    });
                }

                return string.Join(",", numbers) + (comparisons > 0 ? " compared" : " never compared");
            }

            public static string Visit()
            {
                var seen = new List<int>();
                var items = new[] { 4, 8, 15, 16, 23 };
                int visited;
                fixed (int* p = items)
                {
                    visited = TestLib.visit_all(p, items.Length, item => { seen.Add(item); return item == 15 ? 1 : 0; });
                }

                var sum = TestLib.fold(4, (acc, i) => new System.Runtime.InteropServices.CLong(acc.Value + i * 10));
                return $"visited={visited} seen={string.Join(",", seen)} fold={sum}";
            }

            public static int ThrowAfter(int calls)
            {
                var items = new[] { 1, 2, 3, 4, 5 };
                var n = 0;
                fixed (int* p = items)
                {
                    return TestLib.visit_all(p, items.Length, item =>
                    {
                        if (++n == calls) throw new InvalidOperationException("thrown by the callback at " + item);
                        return 0;
                    });
                }
            }

            public static int CalledThroughTheTypedef()
            {
                visit_fn visitor = TestLib.default_visitor();
                var count = 0;
                visitor.Invoke(1, &count);
                visitor.Invoke(2, &count);
                var items = new[] { 1, 2, 3 };
                fixed (int* p = items)
                {
                    TestLib.visit_all(p, items.Length, visitor, &count);
                }

                return visitor.IsNull ? -1 : count;
            }

            public static string ThrowAndReport(int calls)
            {
                var items = new[] { 1, 2, 3, 4, 5 };
                var n = 0;
                try
                {
                    fixed (int* p = items)
                    {
                        TestLib.visit_all(p, items.Length, item => ++n == calls ? throw new InvalidOperationException("at " + item) : 0);
                    }

                    return "nothing thrown";
                }
                catch (InvalidOperationException e)
                {
                    return $"{e.Message} c-visited={TestLib.last_visited()} delegate-calls={n}";
                }
            }

            public static string Strings()
            {
                var freedBefore = TestLib.greetings_freed();
                return TestLib.library_name_string() + "|" + TestLib.make_greeting_string("C#") + "|freed=" + (TestLib.greetings_freed() - freedBefore);
            }
        }
        """;

    private readonly VisitLibrary _library;

    public CallbackCallTests(VisitLibrary library) => _library = library;

    public static TheoryData<bool> Modes => new() { true, false };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Glibc_qsort_r_SortsWithACapturingLambda(bool libraryImport) =>
        Assert.Equal("9,7,5,3,1 compared", Run(libraryImport, "Sort"));

    [Theory]
    [MemberData(nameof(Modes))]
    public void ALambda_IsCalledBackWithItsCaptures_WhereverTheUserDataSits(bool libraryImport) =>
        // visit_all stops when the lambda returns 1 at 15; fold's state comes before its callback: 0+10+20+30.
        Assert.Equal("visited=3 seen=4,8,15 fold=60", Run(libraryImport, "Visit"));

    [Theory]
    [MemberData(nameof(Modes))]
    public void AnExceptionInTheCallback_ReachesTheCaller_AfterCReturned(bool libraryImport)
    {
        var probe = Load(libraryImport);

        var thrown = Assert.Throws<TargetInvocationException>(() => probe.GetMethod("ThrowAfter")!.Invoke(null, [2]));
        var inner = Assert.IsType<InvalidOperationException>(thrown.InnerException);
        Assert.Equal("thrown by the callback at 2", inner.Message);
        // The original frame is kept: the trace starts in the lambda, not in the rethrow.
        Assert.Contains("ThrowAfter", inner.StackTrace);
    }

    [Theory]
    [InlineData(null, "at 3 c-visited=5 delegate-calls=3")]
    [InlineData("visit_all(visit,state)=1", "at 3 c-visited=3 delegate-calls=3")]
    public void AfterAThrow_CGetsTheAfterThrowValue_AndTheDelegateIsNotCalledAgain(string? callbacks, string expected)
    {
        // By default C gets 0 (visit_all goes on to the end); with =1 it stops at the item that threw. Either way the
        // delegate is not called again once it threw.
        var probe = Load(libraryImport: true, callbacks);

        Assert.Equal(expected, probe.GetMethod("ThrowAndReport")!.Invoke(null, [3]));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void AFunctionPointerTypedef_IsATypeCSharpHoldsCallsAndPassesBack(bool libraryImport) =>
        Assert.Equal("5", Run(libraryImport, "CalledThroughTheTypedef"));

    [Theory]
    [MemberData(nameof(Modes))]
    public void StringResults_AreCopied_AndAnOwnedOneIsFreedByItsReleaseFunction(bool libraryImport) =>
        Assert.Equal("visit 1.0|hello C#|freed=1", Run(libraryImport, "Strings"));

    private string Run(bool libraryImport, string method) =>
        Convert.ToString(Load(libraryImport).GetMethod(method)!.Invoke(null, null), System.Globalization.CultureInfo.InvariantCulture)!;

    private Type Load(bool libraryImport, string? callbacks = null)
    {
        var item = Header("/src/visit.h", Header, library: _library.Path);
        var metadata = new Dictionary<string, string>(item.Metadata) { ["InteropOwnedStrings"] = "make_greeting=greeting_free" };
        if (callbacks is not null)
        {
            metadata["InteropCallbacks"] = callbacks;
        }

        var driver = libraryImport
            ? Driver([item with { Metadata = metadata }], withLibraryImport: true)
            : Driver([item with { Metadata = metadata }], generator: new BindingsGenerator(registerPreCompilation: null));
        driver.RunGeneratorsAndUpdateCompilation(Compilation(Probe), out var compilation, out var diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var context = new AssemblyLoadContext("callbacks-" + Guid.NewGuid(), isCollectible: true);
        context.ResolvingUnmanagedDll += (_, name) => name == "c" ? System.Runtime.InteropServices.NativeLibrary.Load("libc.so.6") : 0;
        return context.LoadFromStream(image).GetType("Probe", throwOnError: true)!;
    }

    /// <summary>The header's functions (all but glibc's qsort_r, which the library links from libc) built by clang-14.</summary>
    public sealed class VisitLibrary : IDisposable
    {
        private readonly ClangSharedLibrary _built = new("visit", Header + "\n" + Implementation);

        public string Path => _built.Path;

        public void Dispose() => _built.Dispose();
    }
}
