/**
 * Interop core: CPU-bound C kernels used by the Interop runtime and examples.
 *
 * This header is also read by Interop's own C front-end, so it sticks to a
 * plain subset of C: no function-like macros, no inline functions, no varargs.
 */
#ifndef INTEROP_CORE_H
#define INTEROP_CORE_H

#include <stdint.h>
#include <stddef.h>

#if defined(_WIN32)
#  define INTEROP_API __declspec(dllexport)
#elif defined(__GNUC__)
#  define INTEROP_API __attribute__((visibility("default")))
#else
#  define INTEROP_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Major version of the interop_core ABI. */
#define INTEROP_CORE_VERSION_MAJOR 0
/** Minor version of the interop_core ABI. */
#define INTEROP_CORE_VERSION_MINOR 1
/** Initial value for interop_crc32c when starting a new checksum. */
#define INTEROP_CRC32C_INIT 0u

/** Aggregate results of interop_scan_lines. */
typedef struct interop_line_stats {
    /** Number of lines in the buffer (grep -c '' semantics). */
    uint64_t lines;
    /** Number of lines containing the needle (grep -c -F semantics). */
    uint64_t matches;
    /** Number of bytes scanned. */
    uint64_t bytes;
} interop_line_stats;

/** Returns x + y (the classic cffi example). */
INTEROP_API int my_add(int x, int y);

/**
 * Number of bytes of the NUL-terminated string text before its NUL, or 0
 * when text is NULL: the C core's string-argument function, so the string
 * overloads Interop generates have a function of its own to call.
 */
INTEROP_API size_t interop_text_length(const char* text);

/**
 * CRC-32C (Castagnoli) of data, continuing from crc.
 * Start with INTEROP_CRC32C_INIT; chain by passing the previous result.
 * Uses SSE4.2 when the CPU supports it. NULL data or length 0 returns crc.
 */
INTEROP_API uint32_t interop_crc32c(uint32_t crc, const uint8_t* data, size_t length);

/**
 * Number of '\n'-separated lines of data that contain needle, like
 * LC_ALL=C grep -c -F. An empty needle matches every line; a needle
 * containing '\n' matches none (a line never contains '\n').
 * Returns -1 if data or needle is NULL with a non-zero length.
 */
INTEROP_API int64_t interop_count_lines_containing(const uint8_t* data, size_t length,
                                                   const uint8_t* needle, size_t needle_length);

/**
 * Number of lines in data, like grep -c '': newlines plus one for a
 * final unterminated line. Returns -1 if data is NULL with a non-zero length.
 */
INTEROP_API int64_t interop_count_lines(const uint8_t* data, size_t length);

/**
 * Fills stats with line count, matching line count and byte count.
 * Returns 0 on success, -1 on bad arguments (NULL stats, NULL data or
 * needle with a non-zero length).
 */
INTEROP_API int interop_scan_lines(const uint8_t* data, size_t length,
                                   const uint8_t* needle, size_t needle_length,
                                   interop_line_stats* stats);

#ifdef __cplusplus
}
#endif

#endif /* INTEROP_CORE_H */
