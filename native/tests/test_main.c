#include "test.h"

#include <string.h>

#include "interop_core.h"

int test_my_add(void)
{
    CHECK_EQ_I64(my_add(10, 20), 30);
    CHECK_EQ_I64(my_add(-5, 5), 0);
    CHECK_EQ_I64(my_add(-7, -8), -15);
    return 0;
}

int test_text_length(void)
{
    CHECK_EQ_I64((int64_t)interop_text_length(""), 0);
    CHECK_EQ_I64((int64_t)interop_text_length("abc"), 3);
    /* Bytes, not characters: U+00E9 is two bytes in UTF-8. */
    CHECK_EQ_I64((int64_t)interop_text_length("h\xc3\xa9llo"), 6);
    CHECK_EQ_I64((int64_t)interop_text_length(NULL), 0);
    return 0;
}

static const struct {
    const char* name;
    int (*run)(void);
} cases[] = {
    {"my_add", test_my_add},
    {"text_length", test_text_length},
    {"crc32c_check_value", test_crc32c_check_value},
    {"crc32c_chaining", test_crc32c_chaining},
    {"crc32c_empty", test_crc32c_empty},
    {"crc32c_table", test_crc32c_table},
    {"crc32c_sw_reference", test_crc32c_sw_reference},
    {"crc32c_hw_sw_agree", test_crc32c_hw_sw_agree},
    {"lines_empty", test_lines_empty},
    {"lines_no_trailing_newline", test_lines_no_trailing_newline},
    {"lines_crlf", test_lines_crlf},
    {"lines_empty_needle", test_lines_empty_needle},
    {"lines_needle_at_edges", test_lines_needle_at_edges},
    {"lines_needle_longer_than_buffer", test_lines_needle_longer_than_buffer},
    {"lines_needle_spanning_newline", test_lines_needle_spanning_newline},
    {"lines_multiple_matches_one_line", test_lines_multiple_matches_one_line},
    {"lines_binary", test_lines_binary},
    {"lines_long_line", test_lines_long_line},
    {"lines_bad_arguments", test_lines_bad_arguments},
    {"lines_random_vs_reference", test_lines_random_vs_reference},
    {"scan_lines_stats", test_scan_lines_stats},
};

int main(int argc, char** argv)
{
    size_t n = sizeof cases / sizeof cases[0];
    int failures = 0;
    int ran = 0;
    for (size_t i = 0; i < n; i++) {
        if (argc > 1 && strcmp(argv[1], cases[i].name) != 0) {
            continue;
        }
        ran++;
        int rc = cases[i].run();
        if (rc == TEST_SKIP && argc > 1) {
            printf("SKIP %s\n", cases[i].name);
            return TEST_SKIP;
        }
        printf("%s %s\n", rc == 0 ? "PASS" : rc == TEST_SKIP ? "SKIP" : "FAIL", cases[i].name);
        failures += (rc != 0 && rc != TEST_SKIP);
    }
    if (ran == 0) {
        fprintf(stderr, "unknown test case: %s\n", argv[1]);
        return 2;
    }
    return failures == 0 ? 0 : 1;
}
