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
            typedef __SIZE_TYPE__ size_t;
            typedef __PTRDIFF_TYPE__ ptrdiff_t;
            #ifndef __INTEROP_WCHAR_T
            #define __INTEROP_WCHAR_T
            typedef __WCHAR_TYPE__ wchar_t;
            #endif
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
            typedef __INT64_TYPE__ int64_t;
            typedef unsigned char uint8_t;
            typedef unsigned short uint16_t;
            typedef unsigned int uint32_t;
            typedef __UINT64_TYPE__ uint64_t;
            typedef signed char int_least8_t;
            typedef short int_least16_t;
            typedef int int_least32_t;
            typedef __INT64_TYPE__ int_least64_t;
            typedef unsigned char uint_least8_t;
            typedef unsigned short uint_least16_t;
            typedef unsigned int uint_least32_t;
            typedef __UINT64_TYPE__ uint_least64_t;
            typedef signed char int_fast8_t;
            typedef __INTPTR_TYPE__ int_fast16_t;
            typedef __INTPTR_TYPE__ int_fast32_t;
            typedef __INT64_TYPE__ int_fast64_t;
            typedef unsigned char uint_fast8_t;
            typedef __UINTPTR_TYPE__ uint_fast16_t;
            typedef __UINTPTR_TYPE__ uint_fast32_t;
            typedef __UINT64_TYPE__ uint_fast64_t;
            typedef __INTPTR_TYPE__ intptr_t;
            typedef __UINTPTR_TYPE__ uintptr_t;
            typedef __INTMAX_TYPE__ intmax_t;
            typedef __UINTMAX_TYPE__ uintmax_t;
            #define INT8_MIN (-128)
            #define INT16_MIN (-32767-1)
            #define INT32_MIN (-2147483647-1)
            #define INT64_MIN (-9223372036854775807LL-1)
            #define INT8_MAX 127
            #define INT16_MAX 32767
            #define INT32_MAX 2147483647
            #define INT64_MAX 9223372036854775807LL
            #define UINT8_MAX 255
            #define UINT16_MAX 65535
            #define UINT32_MAX 4294967295U
            #define UINT64_MAX 18446744073709551615ULL
            #define SIZE_MAX (~(__SIZE_TYPE__)0)
            #define PTRDIFF_MIN INT64_MIN
            #define PTRDIFF_MAX INT64_MAX
            #define INTPTR_MIN INT64_MIN
            #define INTPTR_MAX INT64_MAX
            #define UINTPTR_MAX UINT64_MAX
            #define INTMAX_MIN INT64_MIN
            #define INTMAX_MAX INT64_MAX
            #define UINTMAX_MAX UINT64_MAX
            #ifdef __WCHAR_UNSIGNED__
            #define WCHAR_MIN 0
            #else
            #define WCHAR_MIN (-__WCHAR_MAX__-1)
            #endif
            #define WCHAR_MAX __WCHAR_MAX__
            #define INT8_C(c) c
            #define INT16_C(c) c
            #define INT32_C(c) c
            #define INT64_C(c) c ## LL
            #define UINT8_C(c) c
            #define UINT16_C(c) c
            #define UINT32_C(c) c ## U
            #define UINT64_C(c) c ## ULL
            #define INTMAX_C(c) c ## LL
            #define UINTMAX_C(c) c ## ULL
            #endif
            """,
        ["inttypes.h"] = """
            #ifndef __INTEROP_INTTYPES_H
            #define __INTEROP_INTTYPES_H
            #include <stdint.h>
            typedef struct { intmax_t quot; intmax_t rem; } imaxdiv_t;
            #endif
            """,
        ["stdalign.h"] = """
            #ifndef __INTEROP_STDALIGN_H
            #define __INTEROP_STDALIGN_H
            #define alignas _Alignas
            #define alignof _Alignof
            #endif
            """,
        ["stdnoreturn.h"] = "#define noreturn _Noreturn\n",
        ["float.h"] = """
            #ifndef __INTEROP_FLOAT_H
            #define __INTEROP_FLOAT_H
            #define FLT_RADIX 2
            #define FLT_DIG 6
            #define DBL_DIG 15
            #define FLT_MANT_DIG 24
            #define DBL_MANT_DIG 53
            #endif
            """,
        ["string.h"] = "#include <stddef.h>\n",
        ["strings.h"] = "#include <stddef.h>\n",
        ["stdlib.h"] = """
            #ifndef __INTEROP_STDLIB_H
            #define __INTEROP_STDLIB_H
            #include <stddef.h>
            #define EXIT_SUCCESS 0
            #define EXIT_FAILURE 1
            #endif
            """,
        ["errno.h"] = """
            #ifndef __INTEROP_ERRNO_H
            #define __INTEROP_ERRNO_H
            #define EPERM 1
            #define ENOENT 2
            #define EINTR 4
            #define EIO 5
            #define EAGAIN 11
            #define ENOMEM 12
            #define EACCES 13
            #define EEXIST 17
            #define EINVAL 22
            #define ERANGE 34
            #endif
            """,
        ["wchar.h"] = """
            #ifndef __INTEROP_WCHAR_H
            #define __INTEROP_WCHAR_H
            #include <stddef.h>
            typedef unsigned int wint_t;
            typedef struct { int __count; union { unsigned int __wch; char __wchb[4]; } __value; } mbstate_t;
            #define WEOF (0xffffffffu)
            #endif
            """,
        ["sys/types.h"] = """
            #ifndef __INTEROP_SYS_TYPES_H
            #define __INTEROP_SYS_TYPES_H
            #include <stddef.h>
            #include <stdint.h>
            typedef __PTRDIFF_TYPE__ ssize_t;
            typedef long off_t;
            typedef __INT64_TYPE__ off64_t;
            typedef int pid_t;
            typedef unsigned int uid_t;
            typedef unsigned int gid_t;
            typedef unsigned int mode_t;
            typedef unsigned long dev_t;
            typedef unsigned long ino_t;
            typedef unsigned long nlink_t;
            typedef long blksize_t;
            typedef long blkcnt_t;
            typedef int id_t;
            typedef int key_t;
            typedef long suseconds_t;
            typedef unsigned int useconds_t;
            typedef unsigned char u_char;
            typedef unsigned short u_short;
            typedef unsigned int u_int;
            typedef unsigned long u_long;
            typedef int8_t int8;
            typedef uint8_t u_int8_t;
            typedef uint16_t u_int16_t;
            typedef uint32_t u_int32_t;
            typedef uint64_t u_int64_t;
            #include <__interop_time_types.h>
            /* glibc's sys/types.h brings in fd_set this way, and headers such as curl's rely on it. */
            #include <sys/select.h>
            #endif
            """,
        ["__interop_time_types.h"] = """
            #ifndef __INTEROP_TIME_TYPES_H
            #define __INTEROP_TIME_TYPES_H
            #if defined(_WIN32)
            typedef long long time_t;
            #else
            typedef long time_t;
            #endif
            typedef long clock_t;
            typedef int clockid_t;
            typedef void* timer_t;
            struct timespec { time_t tv_sec; long tv_nsec; };
            #endif
            """,
        ["unistd.h"] = """
            #ifndef __INTEROP_UNISTD_H
            #define __INTEROP_UNISTD_H
            #include <sys/types.h>
            #define STDIN_FILENO 0
            #define STDOUT_FILENO 1
            #define STDERR_FILENO 2
            #ifndef SEEK_SET
            #define SEEK_SET 0
            #define SEEK_CUR 1
            #define SEEK_END 2
            #endif
            #endif
            """,
        ["stdio.h"] = """
            #ifndef __INTEROP_STDIO_H
            #define __INTEROP_STDIO_H
            #include <stddef.h>
            #include <stdarg.h>
            #include <sys/types.h>
            /* Opaque on purpose: FILE is only ever handled through pointers. */
            typedef struct _IO_FILE FILE;
            typedef struct _IO_fpos fpos_t;
            #define EOF (-1)
            #define BUFSIZ 8192
            #define FILENAME_MAX 4096
            #ifndef SEEK_SET
            #define SEEK_SET 0
            #define SEEK_CUR 1
            #define SEEK_END 2
            #endif
            #endif
            """,
        ["time.h"] = """
            #ifndef __INTEROP_TIME_H
            #define __INTEROP_TIME_H
            #include <stddef.h>
            #include <__interop_time_types.h>
            struct tm {
                int tm_sec; int tm_min; int tm_hour; int tm_mday; int tm_mon; int tm_year; int tm_wday; int tm_yday; int tm_isdst;
            #if !defined(_WIN32)
                long tm_gmtoff; const char* tm_zone;
            #endif
            };
            #define CLOCKS_PER_SEC 1000000l
            #endif
            """,
        ["sys/time.h"] = """
            #ifndef __INTEROP_SYS_TIME_H
            #define __INTEROP_SYS_TIME_H
            #include <sys/types.h>
            #include <time.h>
            struct timeval { time_t tv_sec; suseconds_t tv_usec; };
            struct timezone { int tz_minuteswest; int tz_dsttime; };
            #endif
            """,
        ["sys/select.h"] = """
            #ifndef __INTEROP_SYS_SELECT_H
            #define __INTEROP_SYS_SELECT_H
            #include <sys/time.h>
            #define FD_SETSIZE 1024
            typedef struct { long __fds_bits[FD_SETSIZE / (8 * (int)sizeof(long))]; } fd_set;
            #endif
            """,
        ["sys/socket.h"] = """
            #ifndef __INTEROP_SYS_SOCKET_H
            #define __INTEROP_SYS_SOCKET_H
            #include <sys/types.h>
            typedef unsigned int socklen_t;
            typedef unsigned short sa_family_t;
            struct sockaddr { sa_family_t sa_family; char sa_data[14]; };
            struct sockaddr_storage { sa_family_t ss_family; char __ss_padding[118]; unsigned long __ss_align; };
            #define AF_UNSPEC 0
            #define AF_UNIX 1
            #define AF_INET 2
            #define AF_INET6 10
            #define SOCK_STREAM 1
            #define SOCK_DGRAM 2
            #endif
            """,
        ["sys/poll.h"] = "#include <poll.h>\n",
        ["poll.h"] = """
            #ifndef __INTEROP_POLL_H
            #define __INTEROP_POLL_H
            typedef unsigned long nfds_t;
            struct pollfd { int fd; short events; short revents; };
            #define POLLIN 0x001
            #define POLLPRI 0x002
            #define POLLOUT 0x004
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
            #ifdef __CHAR_UNSIGNED__
            #define CHAR_MIN 0
            #define CHAR_MAX UCHAR_MAX
            #else
            #define CHAR_MIN SCHAR_MIN
            #define CHAR_MAX SCHAR_MAX
            #endif
            #define SHRT_MIN (-32768)
            #define SHRT_MAX 32767
            #define USHRT_MAX 65535
            #define INT_MIN (-2147483647-1)
            #define INT_MAX 2147483647
            #define UINT_MAX 4294967295U
            #define LONG_MIN (-__LONG_MAX__-1L)
            #define LONG_MAX __LONG_MAX__
            #define ULONG_MAX (__LONG_MAX__*2UL+1UL)
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
