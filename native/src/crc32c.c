#include "interop_core.h"
#include "internal.h"
#include "crc32c_table.h"

#include <string.h>

/* INTEROP_PORTABLE forces the generic code so tests can cover it on x86_64 too. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(INTEROP_PORTABLE)
#  define INTEROP_CRC32C_X86 1
#  include <nmmintrin.h>
#endif

uint32_t interop_crc32c_sw(uint32_t crc, const uint8_t* data, size_t length)
{
    const uint8_t* p = data;
    crc = ~crc;
    while (length >= 8) {
        /* Byte-wise assembly keeps this endian-neutral; compilers fuse it into one load. */
        uint32_t lo = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        uint32_t hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
        crc = crc32c_table[7][lo & 0xFF] ^ crc32c_table[6][(lo >> 8) & 0xFF]
            ^ crc32c_table[5][(lo >> 16) & 0xFF] ^ crc32c_table[4][lo >> 24]
            ^ crc32c_table[3][hi & 0xFF] ^ crc32c_table[2][(hi >> 8) & 0xFF]
            ^ crc32c_table[1][(hi >> 16) & 0xFF] ^ crc32c_table[0][hi >> 24];
        p += 8;
        length -= 8;
    }
    while (length--) {
        crc = crc32c_table[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    }
    return ~crc;
}

#if defined(INTEROP_CRC32C_X86)

int interop_crc32c_hw_available(void)
{
    /* libgcc initialises the CPU model in a constructor; calling init again is cheap and safe. */
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2") ? 1 : 0;
}

__attribute__((target("sse4.2")))
uint32_t interop_crc32c_hw(uint32_t crc, const uint8_t* data, size_t length)
{
    const uint8_t* p = data;
    uint64_t c = ~crc;
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, sizeof word); /* unaligned-safe load */
        c = _mm_crc32_u64(c, word);
        p += 8;
        length -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (length--) {
        c32 = _mm_crc32_u8(c32, *p++);
    }
    return ~c32;
}

#else

int interop_crc32c_hw_available(void)
{
    return 0;
}

uint32_t interop_crc32c_hw(uint32_t crc, const uint8_t* data, size_t length)
{
    return interop_crc32c_sw(crc, data, length);
}

#endif

uint32_t interop_crc32c(uint32_t crc, const uint8_t* data, size_t length)
{
    if (length == 0 || data == NULL) {
        return crc;
    }
#if defined(INTEROP_CRC32C_X86)
    if (__builtin_cpu_supports("sse4.2")) {
        return interop_crc32c_hw(crc, data, length);
    }
#endif
    return interop_crc32c_sw(crc, data, length);
}
