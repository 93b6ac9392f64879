/* Minimal test harness: each case is a function returning 0 on success. */
#ifndef INTEROP_TEST_H
#define INTEROP_TEST_H

#include <stdint.h>
#include <stdio.h>

#define TEST_SKIP 77

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            return 1;                                                            \
        }                                                                        \
    } while (0)

#define CHECK_EQ_I64(actual, expected)                                           \
    do {                                                                         \
        long long a_ = (long long)(actual), e_ = (long long)(expected);          \
        if (a_ != e_) {                                                          \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, \
                    #actual, a_, e_);                                            \
            return 1;                                                            \
        }                                                                        \
    } while (0)

/* Deterministic xorshift64* so failures reproduce. */
static inline uint64_t test_rand(uint64_t* state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

int test_my_add(void);
int test_crc32c_check_value(void);
int test_crc32c_chaining(void);
int test_crc32c_empty(void);
int test_crc32c_table(void);
int test_crc32c_sw_reference(void);
int test_crc32c_hw_sw_agree(void);
int test_lines_empty(void);
int test_lines_no_trailing_newline(void);
int test_lines_crlf(void);
int test_lines_empty_needle(void);
int test_lines_needle_at_edges(void);
int test_lines_needle_longer_than_buffer(void);
int test_lines_needle_spanning_newline(void);
int test_lines_multiple_matches_one_line(void);
int test_lines_binary(void);
int test_lines_long_line(void);
int test_lines_bad_arguments(void);
int test_lines_random_vs_reference(void);
int test_scan_lines_stats(void);

#endif /* INTEROP_TEST_H */
