namespace Interop.Generator.Frontend;

/// <summary>
/// Freestanding C headers the front-end supplies itself, so a typical library header binds with no
/// system include directory. Their declarations are never bound, only used.
/// </summary>
internal static class BuiltinHeaders
{
    /// <summary>The pseudo-directory builtin headers report as their location.</summary>
    public const string Directory = "<builtin>/";

    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["stddef.h"] = """
            #ifndef __INTEROP_STDDEF_H
            #define __INTEROP_STDDEF_H
            typedef unsigned long size_t;
            typedef long ptrdiff_t;
            typedef int wchar_t;
            typedef struct { long long __ll; long double __ld; } max_align_t;
            #define NULL ((void*)0)
            #define offsetof(type, member) __builtin_offsetof(type, member)
            #endif
            """,
        ["stdint.h"] = """
            #ifndef __INTEROP_STDINT_H
            #define __INTEROP_STDINT_H
            typedef signed char int8_t;
            typedef short int16_t;
            typedef int int32_t;
            typedef long int64_t;
            typedef unsigned char uint8_t;
            typedef unsigned short uint16_t;
            typedef unsigned int uint32_t;
            typedef unsigned long uint64_t;
            typedef signed char int_least8_t;
            typedef short int_least16_t;
            typedef int int_least32_t;
            typedef long int_least64_t;
            typedef unsigned char uint_least8_t;
            typedef unsigned short uint_least16_t;
            typedef unsigned int uint_least32_t;
            typedef unsigned long uint_least64_t;
            typedef signed char int_fast8_t;
            typedef long int_fast16_t;
            typedef long int_fast32_t;
            typedef long int_fast64_t;
            typedef unsigned char uint_fast8_t;
            typedef unsigned long uint_fast16_t;
            typedef unsigned long uint_fast32_t;
            typedef unsigned long uint_fast64_t;
            typedef long intptr_t;
            typedef unsigned long uintptr_t;
            typedef long intmax_t;
            typedef unsigned long uintmax_t;
            #define INT8_MIN (-128)
            #define INT16_MIN (-32767-1)
            #define INT32_MIN (-2147483647-1)
            #define INT64_MIN (-9223372036854775807L-1)
            #define INT8_MAX 127
            #define INT16_MAX 32767
            #define INT32_MAX 2147483647
            #define INT64_MAX 9223372036854775807L
            #define UINT8_MAX 255
            #define UINT16_MAX 65535
            #define UINT32_MAX 4294967295U
            #define UINT64_MAX 18446744073709551615UL
            #define SIZE_MAX UINT64_MAX
            #define INTPTR_MAX INT64_MAX
            #define UINTPTR_MAX UINT64_MAX
            #define INT8_C(c) c
            #define INT16_C(c) c
            #define INT32_C(c) c
            #define INT64_C(c) c ## L
            #define UINT8_C(c) c
            #define UINT16_C(c) c
            #define UINT32_C(c) c ## U
            #define UINT64_C(c) c ## UL
            #endif
            """,
        ["stdbool.h"] = """
            #ifndef __INTEROP_STDBOOL_H
            #define __INTEROP_STDBOOL_H
            #define bool _Bool
            #define true 1
            #define false 0
            #define __bool_true_false_are_defined 1
            #endif
            """,
        ["stdarg.h"] = """
            #ifndef __INTEROP_STDARG_H
            #define __INTEROP_STDARG_H
            typedef __builtin_va_list va_list;
            typedef __builtin_va_list __gnuc_va_list;
            #endif
            """,
        ["limits.h"] = """
            #ifndef __INTEROP_LIMITS_H
            #define __INTEROP_LIMITS_H
            #define CHAR_BIT 8
            #define SCHAR_MIN (-128)
            #define SCHAR_MAX 127
            #define UCHAR_MAX 255
            #define CHAR_MIN SCHAR_MIN
            #define CHAR_MAX SCHAR_MAX
            #define SHRT_MIN (-32768)
            #define SHRT_MAX 32767
            #define USHRT_MAX 65535
            #define INT_MIN (-2147483647-1)
            #define INT_MAX 2147483647
            #define UINT_MAX 4294967295U
            #define LONG_MIN (-9223372036854775807L-1L)
            #define LONG_MAX 9223372036854775807L
            #define ULONG_MAX 18446744073709551615UL
            #define LLONG_MIN (-9223372036854775807LL-1LL)
            #define LLONG_MAX 9223372036854775807LL
            #define ULLONG_MAX 18446744073709551615ULL
            #endif
            """,
    };

    public static bool TryGet(string name, out string path, out string text)
    {
        path = Directory + name;
        return Headers.TryGetValue(name, out text!);
    }

    public static bool IsBuiltin(string path) => path.StartsWith(Directory, StringComparison.Ordinal);
}
