#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "interop_core.h"
#include "internal.h"
#include "crc32c_table.h"

/* Bitwise definition: the slowest, most obviously correct reference. */
static uint32_t crc32c_bitwise(uint32_t crc, const uint8_t* p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
    }
    return ~crc;
}

static const uint8_t check_input[] = "123456789";

int test_crc32c_check_value(void)
{
    CHECK_EQ_I64(interop_crc32c(INTEROP_CRC32C_INIT, check_input, 9), 0xE3069283u);
    CHECK_EQ_I64(interop_crc32c_sw(0, check_input, 9), 0xE3069283u);
    /* RFC 3720 (iSCSI) vector: 32 zero bytes. */
    uint8_t zeros[32] = {0};
    CHECK_EQ_I64(interop_crc32c(0, zeros, sizeof zeros), 0x8A9136AAu);
    return 0;
}

int test_crc32c_chaining(void)
{
    uint8_t buf[1000];
    uint64_t seed = 42;
    for (size_t i = 0; i < sizeof buf; i++) {
        buf[i] = (uint8_t)test_rand(&seed);
    }
    uint32_t whole = interop_crc32c(0, buf, sizeof buf);
    for (size_t split = 0; split <= sizeof buf; split += 37) {
        uint32_t c = interop_crc32c(interop_crc32c(0, buf, split), buf + split, sizeof buf - split);
        CHECK_EQ_I64(c, whole);
    }
    CHECK_EQ_I64(interop_crc32c(interop_crc32c(0, check_input, 4), check_input + 4, 5), 0xE3069283u);
    return 0;
}

int test_crc32c_empty(void)
{
    CHECK_EQ_I64(interop_crc32c(0, NULL, 0), 0);
    CHECK_EQ_I64(interop_crc32c(0x12345678u, NULL, 0), 0x12345678u);
    CHECK_EQ_I64(interop_crc32c(0xE3069283u, check_input, 0), 0xE3069283u);
    CHECK_EQ_I64(interop_crc32c_sw(0xCAFEu, check_input, 0), 0xCAFEu);
    return 0;
}

int test_crc32c_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        }
        CHECK_EQ_I64(crc32c_table[0][i], c);
        for (int t = 1; t < 8; t++) {
            c = (c >> 8) ^ crc32c_table[0][c & 0xFF];
            CHECK_EQ_I64(crc32c_table[t][i], c);
        }
    }
    return 0;
}

int test_crc32c_sw_reference(void)
{
    uint8_t buf[600];
    uint64_t seed = 7;
    for (size_t i = 0; i < sizeof buf; i++) {
        buf[i] = (uint8_t)test_rand(&seed);
    }
    for (size_t off = 0; off < 9; off++) {
        for (size_t len = 0; len + off <= sizeof buf; len += 13) {
            uint32_t init = (uint32_t)test_rand(&seed);
            CHECK_EQ_I64(interop_crc32c_sw(init, buf + off, len), crc32c_bitwise(init, buf + off, len));
            CHECK_EQ_I64(interop_crc32c(init, buf + off, len), crc32c_bitwise(init, buf + off, len));
        }
    }
    return 0;
}

int test_crc32c_hw_sw_agree(void)
{
    if (!interop_crc32c_hw_available()) {
        fprintf(stderr, "SSE4.2 CRC32 not available on this CPU/architecture\n");
        return TEST_SKIP;
    }
    enum { size = 70000 };
    uint8_t* buf = malloc(size);
    CHECK(buf != NULL);
    uint64_t seed = 99;
    for (size_t i = 0; i < size; i++) {
        buf[i] = (uint8_t)test_rand(&seed);
    }
    int rc = 0;
    for (size_t off = 0; off < 16 && rc == 0; off++) {
        for (size_t len = 0; len <= 1100 && rc == 0; len++) {
            uint32_t init = (uint32_t)test_rand(&seed);
            if (interop_crc32c_hw(init, buf + off, len) != interop_crc32c_sw(init, buf + off, len)) {
                fprintf(stderr, "hw/sw mismatch at off=%zu len=%zu\n", off, len);
                rc = 1;
            }
        }
    }
    if (rc == 0 && interop_crc32c_hw(0, buf + 3, size - 3) != interop_crc32c_sw(0, buf + 3, size - 3)) {
        fprintf(stderr, "hw/sw mismatch on large buffer\n");
        rc = 1;
    }
    free(buf);
    return rc;
}
