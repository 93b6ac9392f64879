// Compiled at test time together with the generated expat bindings (see UsageAssembly).
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Interop.RealHeaders.Tests.Usage;
using RealHeaders.Expat;
using X = RealHeaders.Expat.Expat;

namespace Interop.RealHeaders.Tests.Usage.Drivers;

public sealed unsafe class ExpatDriver : IExpatUsage
{
    public (IReadOnlyList<string> Events, string? Error) Parse(string xml)
    {
        var parser = X.XML_ParserCreate(encoding: (string?)null); // the UTF-8 string overload; NULL means "use the document's encoding"
        var events = new List<string>();
        var handle = GCHandle.Alloc(events);
        try
        {
            X.XML_SetUserData(parser, (void*)GCHandle.ToIntPtr(handle));
            X.XML_SetElementHandler(parser, &Start, &End);
            X.XML_SetCharacterDataHandler(parser, &Text);
            var bytes = Encoding.UTF8.GetBytes(xml);
            fixed (byte* text = bytes)
            {
                if (X.XML_Parse(parser, (sbyte*)text, bytes.Length, isFinal: 1) != XML_Status.XML_STATUS_OK)
                {
                    var message = Marshal.PtrToStringUTF8((nint)X.XML_ErrorString(X.XML_GetErrorCode(parser)));
                    return (events, $"line {X.XML_GetCurrentLineNumber(parser).Value}: {message}");
                }
            }

            return (events, null);
        }
        finally
        {
            handle.Free();
            X.XML_ParserFree(parser);
        }
    }

    private static List<string> Events(void* state) => (List<string>)GCHandle.FromIntPtr((nint)state).Target!;

    /// <summary>Start tag: name and a null-terminated array of name, value, name, value...</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Start(void* state, sbyte* name, sbyte** attributes)
    {
        var text = new StringBuilder("start ").Append(Utf8(name));
        for (var a = attributes; *a is not null; a += 2)
        {
            text.Append(' ').Append(Utf8(a[0])).Append('=').Append(Utf8(a[1]));
        }

        Events(state).Add(text.ToString());
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void End(void* state, sbyte* name) => Events(state).Add("end " + Utf8(name));

    /// <summary>Character data: not null-terminated, <paramref name="length"/> bytes.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Text(void* state, sbyte* text, int length) => Events(state).Add("text " + Encoding.UTF8.GetString((byte*)text, length));

    private static string Utf8(sbyte* text) => Marshal.PtrToStringUTF8((nint)text)!;
}
