/* Internal entry points shared by the library and its tests; not part of the public ABI. */
#ifndef INTEROP_INTERNAL_H
#define INTEROP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Portable slicing-by-8 CRC-32C with the same chaining convention as interop_crc32c. */
uint32_t interop_crc32c_sw(uint32_t crc, const uint8_t* data, size_t length);

/* Non-zero when the SSE4.2 path can run on this CPU (always 0 off x86_64). */
int interop_crc32c_hw_available(void);

/* SSE4.2 CRC-32C; only call when interop_crc32c_hw_available() is non-zero. */
uint32_t interop_crc32c_hw(uint32_t crc, const uint8_t* data, size_t length);

#endif /* INTEROP_INTERNAL_H */
