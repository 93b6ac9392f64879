using System.Text;
using Tour.Native;

namespace Tour.Chapters;

/// <summary>
/// Idea 1 (the lesson's point 70, cffi): the C core's header is bound at build time, so C functions are plain
/// static methods: no <c>cdef</c> to keep in step with the header, no build script to run.
/// </summary>
internal static class BindAndCall
{
    public static void Run(Narrator narrator)
    {
        narrator.Chapter("Bind and call the C core", "cffi's ffi.cdef + lib.my_add");
        narrator.Say("native/include/interop_core.h was read by the source generator during dotnet build; CMake built libinterop_core.so beside the program.");

        // <snippet:call>
        // Generated from interop_core.h: C names kept, [LibraryImport] underneath.
        int sum = Core.my_add(10, 20);

        // Friendly overloads beside the raw ones: a string becomes UTF-8, a span a pointer and a length.
        nuint bytes = Core.interop_text_length("héllo");
        uint crc = Core.interop_crc32c(Core.INTEROP_CRC32C_INIT, "123456789"u8);
        // </snippet>

        narrator.Result($"Core.my_add(10, 20) returned {sum}");
        narrator.Result($"Core.interop_text_length(\"héllo\") counted {bytes} UTF-8 bytes (é is two)");
        narrator.Result($"Core.interop_crc32c(\"123456789\") = 0x{crc:X8}, the published CRC-32C check value 0xE3069283");
        narrator.Result($"#define constants are const fields: Core.INTEROP_CORE_VERSION_MAJOR.MINOR = {Core.INTEROP_CORE_VERSION_MAJOR}.{Core.INTEROP_CORE_VERSION_MINOR}");

        var log = Encoding.UTF8.GetBytes("ok\nERROR disk\nok\nERROR net\n");
        narrator.Result($"Core.interop_count_lines_containing(log, \"ERROR\") found {Core.interop_count_lines_containing(log, "ERROR"u8)} of {Core.interop_count_lines(log)} lines, scanned in C");
    }
}
