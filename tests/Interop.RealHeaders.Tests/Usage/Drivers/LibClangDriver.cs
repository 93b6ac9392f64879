// Compiled at test time together with the generated libclang bindings (see UsageAssembly).
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Interop.RealHeaders.Tests.Usage;
using RealHeaders.LibClang;
using L = RealHeaders.LibClang.LibClang;

namespace Interop.RealHeaders.Tests.Usage.Drivers;

public sealed unsafe class LibClangDriver : ILibClangUsage
{
    public IReadOnlyList<VisitedCursor> Walk(string fileName, string source)
    {
        var index = L.clang_createIndex(0, 0);
        try
        {
            var name = Utf8(fileName);
            var contents = Encoding.UTF8.GetBytes(source);
            CXTranslationUnitImpl* unit;
            fixed (byte* namePointer = name, contentsPointer = contents)
            {
                // The file exists only in memory: libclang reads it from the unsaved-file struct.
                var unsaved = new CXUnsavedFile { Filename = (sbyte*)namePointer, Contents = (sbyte*)contentsPointer, Length = new CULong((nuint)contents.Length) };
                var status = L.clang_parseTranslationUnit2(index, (sbyte*)namePointer, null, 0, &unsaved, 1, 0, &unit);
                if (status != CXErrorCode.CXError_Success)
                {
                    throw new InvalidOperationException($"clang_parseTranslationUnit2 returned {status}");
                }
            }

            try
            {
                var cursors = new List<VisitedCursor>();
                var handle = GCHandle.Alloc(cursors);
                try
                {
                    L.clang_visitChildren(L.clang_getTranslationUnitCursor(unit), &Visit, (void*)GCHandle.ToIntPtr(handle));
                }
                finally
                {
                    handle.Free();
                }

                return cursors;
            }
            finally
            {
                L.clang_disposeTranslationUnit(unit);
            }
        }
        finally
        {
            L.clang_disposeIndex(index);
        }
    }

    /// <summary>The visitor: cursors arrive by value (32-byte structs) and the walk recurses into every child.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static CXChildVisitResult Visit(CXCursor cursor, CXCursor parent, void* state)
    {
        var cursors = (List<VisitedCursor>)GCHandle.FromIntPtr((nint)state).Target!;
        cursors.Add(new VisitedCursor(
            Consume(L.clang_getCursorKindSpelling(L.clang_getCursorKind(cursor))),
            Consume(L.clang_getCursorSpelling(cursor)),
            Consume(L.clang_getCursorSpelling(parent))));
        return CXChildVisitResult.CXChildVisit_Recurse;
    }

    /// <summary>The text of a CXString, which is then disposed.</summary>
    private static string Consume(CXString text)
    {
        try
        {
            return Marshal.PtrToStringUTF8((nint)L.clang_getCString(text)) ?? "";
        }
        finally
        {
            L.clang_disposeString(text);
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");
}
