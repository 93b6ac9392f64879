#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "interop_core.h"

/* Naive grep -c -F reference: walk lines, try every offset. */
static int64_t ref_count_containing(const uint8_t* d, size_t n, const uint8_t* nd, size_t nn)
{
    int64_t count = 0;
    size_t start = 0;
    while (start < n) {
        size_t end = start;
        while (end < n && d[end] != '\n') {
            end++;
        }
        for (size_t i = start; i + nn <= end; i++) {
            if (memcmp(d + i, nd, nn) == 0) {
                count++;
                break;
            }
        }
        start = end + 1;
    }
    return count;
}

static int64_t ref_count_lines(const uint8_t* d, size_t n)
{
    int64_t lines = 0;
    for (size_t i = 0; i < n; i++) {
        lines += d[i] == '\n';
    }
    return lines + (n > 0 && d[n - 1] != '\n');
}

static int64_t count_str(const char* data, const char* needle)
{
    return interop_count_lines_containing((const uint8_t*)data, strlen(data),
                                          (const uint8_t*)needle, strlen(needle));
}

static int64_t lines_str(const char* data)
{
    return interop_count_lines((const uint8_t*)data, strlen(data));
}

int test_lines_empty(void)
{
    CHECK_EQ_I64(interop_count_lines(NULL, 0), 0);
    CHECK_EQ_I64(interop_count_lines_containing(NULL, 0, NULL, 0), 0);
    CHECK_EQ_I64(interop_count_lines_containing(NULL, 0, (const uint8_t*)"x", 1), 0);
    CHECK_EQ_I64(count_str("", ""), 0);
    CHECK_EQ_I64(lines_str("\n"), 1);
    CHECK_EQ_I64(lines_str("\n\n\n"), 3);
    CHECK_EQ_I64(count_str("\n\n\n", "a"), 0);
    return 0;
}

int test_lines_no_trailing_newline(void)
{
    CHECK_EQ_I64(lines_str("abc"), 1);
    CHECK_EQ_I64(lines_str("abc\ndef"), 2);
    CHECK_EQ_I64(lines_str("abc\ndef\n"), 2);
    CHECK_EQ_I64(count_str("abc\ndef", "def"), 1);
    CHECK_EQ_I64(count_str("abc\ndef", "e"), 1);
    CHECK_EQ_I64(count_str("abc\ndef\n", "def"), 1);
    return 0;
}

int test_lines_crlf(void)
{
    const char* text = "one\r\ntwo\r\nthree\r\n";
    CHECK_EQ_I64(lines_str(text), 3);
    CHECK_EQ_I64(count_str(text, "\r"), 3);
    CHECK_EQ_I64(count_str(text, "o\r"), 1);
    CHECK_EQ_I64(count_str(text, "e\r"), 2);
    CHECK_EQ_I64(count_str("a\r\rb\n", "\r\r"), 1);
    return 0;
}

int test_lines_empty_needle(void)
{
    CHECK_EQ_I64(count_str("a\nb\nc", ""), 3);
    CHECK_EQ_I64(count_str("a\n\n\n", ""), 3);
    CHECK_EQ_I64(count_str("x", ""), 1);
    CHECK_EQ_I64(interop_count_lines_containing((const uint8_t*)"a\nb\n", 4, NULL, 0), 2);
    return 0;
}

int test_lines_needle_at_edges(void)
{
    CHECK_EQ_I64(count_str("needle rest\nother\n", "needle"), 1);
    CHECK_EQ_I64(count_str("other\nrest needle", "needle"), 1);
    CHECK_EQ_I64(count_str("other\nrest needle\n", "needle"), 1);
    CHECK_EQ_I64(count_str("needle", "needle"), 1);
    CHECK_EQ_I64(count_str("needle\nneedle", "needle"), 2);
    CHECK_EQ_I64(count_str("a\nb\nc", "a"), 1);
    CHECK_EQ_I64(count_str("a\nb\nc", "c"), 1);
    CHECK_EQ_I64(count_str("needl", "needle"), 0);
    CHECK_EQ_I64(count_str("eedle", "needle"), 0);
    return 0;
}

int test_lines_needle_longer_than_buffer(void)
{
    CHECK_EQ_I64(count_str("abc", "abcd"), 0);
    CHECK_EQ_I64(count_str("a", "aa"), 0);
    CHECK_EQ_I64(count_str("\n", "\n\n"), 0);
    return 0;
}

int test_lines_needle_spanning_newline(void)
{
    CHECK_EQ_I64(count_str("ab\ncd\n", "b\nc"), 0);
    CHECK_EQ_I64(count_str("ab\ncd\n", "\n"), 0);
    CHECK_EQ_I64(count_str("ab\ncd\n", "b\n"), 0);
    CHECK_EQ_I64(count_str("ab\ncd", "bc"), 0);
    CHECK_EQ_I64(count_str("ab\ncd", "abc"), 0);
    return 0;
}

int test_lines_multiple_matches_one_line(void)
{
    CHECK_EQ_I64(count_str("foo foo foo\nbar\nfoo\n", "foo"), 2);
    CHECK_EQ_I64(count_str("aaaaaa\naaaa\n", "aa"), 2);
    CHECK_EQ_I64(count_str("abababab", "aba"), 1);
    return 0;
}

int test_lines_binary(void)
{
    static const uint8_t data[] = {0x00, 0xFF, 0xC3, 0x28, '\n', 0x80, 0x00, 0x81, '\n',
                                   0xFE, 0xFF, '\r', '\n', 0x00};
    static const uint8_t nul[] = {0x00};
    static const uint8_t invalid_utf8[] = {0xC3, 0x28};
    static const uint8_t ff[] = {0xFF};
    static const uint8_t cont[] = {0x80, 0x00, 0x81};
    CHECK_EQ_I64(interop_count_lines(data, sizeof data), 4);
    CHECK_EQ_I64(interop_count_lines_containing(data, sizeof data, nul, 1), 3);
    CHECK_EQ_I64(interop_count_lines_containing(data, sizeof data, invalid_utf8, 2), 1);
    CHECK_EQ_I64(interop_count_lines_containing(data, sizeof data, ff, 1), 2);
    CHECK_EQ_I64(interop_count_lines_containing(data, sizeof data, cont, 3), 1);
    return 0;
}

int test_lines_long_line(void)
{
    enum { size = 1 << 20 };
    uint8_t* buf = malloc(size);
    CHECK(buf != NULL);
    memset(buf, 'x', size);
    int rc = 0;
    if (interop_count_lines(buf, size) != 1) {
        rc = 1;
    }
    memcpy(buf + size - 5, "match", 5);
    if (interop_count_lines_containing(buf, size, (const uint8_t*)"match", 5) != 1) {
        rc = 1;
    }
    /* Common needle byte: forces the many-false-candidates path. */
    if (interop_count_lines_containing(buf, size, (const uint8_t*)"xxy", 3) != 0) {
        rc = 1;
    }
    buf[size / 2] = '\n';
    buf[size - 1] = '\n';
    if (interop_count_lines(buf, size) != 2 ||
        interop_count_lines_containing(buf, size, (const uint8_t*)"xxxx", 4) != 2 ||
        interop_count_lines_containing(buf, size, (const uint8_t*)"matc", 4) != 1) {
        rc = 1;
    }
    free(buf);
    CHECK(rc == 0);
    return 0;
}

int test_lines_bad_arguments(void)
{
    interop_line_stats stats;
    CHECK_EQ_I64(interop_count_lines(NULL, 5), -1);
    CHECK_EQ_I64(interop_count_lines_containing(NULL, 5, (const uint8_t*)"a", 1), -1);
    CHECK_EQ_I64(interop_count_lines_containing((const uint8_t*)"abc", 3, NULL, 1), -1);
    CHECK_EQ_I64(interop_scan_lines((const uint8_t*)"abc", 3, (const uint8_t*)"a", 1, NULL), -1);
    CHECK_EQ_I64(interop_scan_lines(NULL, 3, (const uint8_t*)"a", 1, &stats), -1);
    CHECK_EQ_I64(interop_scan_lines((const uint8_t*)"abc", 3, NULL, 2, &stats), -1);
    return 0;
}

int test_lines_random_vs_reference(void)
{
    /* Tiny alphabets make matches, near-misses and newline-adjacent needles common. */
    static const uint8_t alphabet[] = {'a', 'b', 'a', 'b', 'c', '\n', '\r', 0x00, 0xFF, 'e', ' '};
    enum { max_len = 20000 };
    uint8_t* buf = malloc(max_len);
    CHECK(buf != NULL);
    uint64_t seed = 12345;
    int rc = 0;
    for (int iter = 0; iter < 3000 && rc == 0; iter++) {
        size_t len = (iter % 10 == 0) ? (size_t)(test_rand(&seed) % max_len)
                                      : (size_t)(test_rand(&seed) % 300);
        /* Vary newline density from none to very frequent. */
        unsigned nl_every = (unsigned)(test_rand(&seed) % 200) + 1;
        unsigned alpha = (unsigned)(test_rand(&seed) % (sizeof alphabet - 1)) + 2;
        for (size_t i = 0; i < len; i++) {
            uint64_t r = test_rand(&seed);
            buf[i] = (r % nl_every == 0) ? '\n' : alphabet[(r >> 16) % alpha];
        }
        uint8_t needle[12];
        size_t nlen = (size_t)(test_rand(&seed) % sizeof needle);
        if (len > 0 && test_rand(&seed) % 2) {
            size_t at = (size_t)(test_rand(&seed) % len);
            if (nlen > len - at) {
                nlen = len - at;
            }
            memcpy(needle, buf + at, nlen);
        } else {
            for (size_t i = 0; i < nlen; i++) {
                needle[i] = alphabet[(test_rand(&seed) >> 16) % alpha];
            }
        }
        size_t off = (size_t)(test_rand(&seed) % 8);
        if (off > len) {
            off = len;
        }
        const uint8_t* d = buf + off;
        size_t n = len - off;
        int64_t got = interop_count_lines_containing(d, n, needle, nlen);
        int64_t want = nlen == 0 ? ref_count_lines(d, n)
                     : memchr(needle, '\n', nlen) ? 0
                     : ref_count_containing(d, n, needle, nlen);
        int64_t got_lines = interop_count_lines(d, n);
        int64_t want_lines = ref_count_lines(d, n);
        if (got != want || got_lines != want_lines) {
            fprintf(stderr, "iter %d len %zu nlen %zu: matches %lld want %lld, lines %lld want %lld\n",
                    iter, n, nlen, (long long)got, (long long)want, (long long)got_lines,
                    (long long)want_lines);
            rc = 1;
        }
    }
    free(buf);
    return rc;
}

int test_scan_lines_stats(void)
{
    const char* text = "alpha\nbeta\ngamma alpha\ndelta";
    interop_line_stats stats;
    memset(&stats, 0xAB, sizeof stats);
    CHECK_EQ_I64(interop_scan_lines((const uint8_t*)text, strlen(text), (const uint8_t*)"alpha", 5, &stats), 0);
    CHECK_EQ_I64(stats.lines, 4);
    CHECK_EQ_I64(stats.matches, 2);
    CHECK_EQ_I64(stats.bytes, strlen(text));
    CHECK_EQ_I64(interop_scan_lines(NULL, 0, NULL, 0, &stats), 0);
    CHECK_EQ_I64(stats.lines, 0);
    CHECK_EQ_I64(stats.matches, 0);
    CHECK_EQ_I64(stats.bytes, 0);
    return 0;
}
