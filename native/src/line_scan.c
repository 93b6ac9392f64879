/* memmem is a GNU/BSD extension; glibc's is SIMD-accelerated for short needles. */
#define _GNU_SOURCE 1

#include "interop_core.h"

#include <string.h>

#if defined(__SSE2__) && !defined(INTEROP_PORTABLE)
#  define INTEROP_LINES_SSE2 1
#  include <emmintrin.h>
#endif

/* AVX2 needs a runtime check: the library is built for the x86-64 baseline and dispatches per call. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(INTEROP_PORTABLE)
#  define INTEROP_LINES_AVX2 1
#  include <immintrin.h>
#endif

#if (defined(__GLIBC__) || defined(__APPLE__) || defined(__FreeBSD__)) && !defined(INTEROP_PORTABLE)
#  define INTEROP_HAVE_MEMMEM 1
#endif

/* Counts '\n' bytes; lines are short, so a memchr-per-line loop would be call-bound. */
static uint64_t count_newlines(const uint8_t* p, size_t n)
{
    uint64_t count = 0;
#if defined(INTEROP_LINES_SSE2)
    const __m128i nl = _mm_set1_epi8('\n');
    while (n >= 16) {
        /* Byte lanes overflow after 255 additions, so fold every 255 blocks. */
        size_t blocks = n / 16;
        if (blocks > 255) {
            blocks = 255;
        }
        __m128i acc = _mm_setzero_si128();
        for (size_t i = 0; i < blocks; i++) {
            __m128i v = _mm_loadu_si128((const __m128i*)(const void*)p);
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, nl));
            p += 16;
        }
        __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
        count += (uint64_t)_mm_cvtsi128_si32(sums) + (uint64_t)_mm_extract_epi16(sums, 4);
        n -= blocks * 16;
    }
#endif
    /* SWAR: exact per-byte zero test, no false positives from carries. */
    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, sizeof w);
        uint64_t x = w ^ 0x0A0A0A0A0A0A0A0AULL;
        uint64_t zero = ~(((x & lo7) + lo7) | x | lo7);
        count += ((zero >> 7) * 0x0101010101010101ULL) >> 56;
        p += 8;
        n -= 8;
    }
    while (n--) {
        count += (*p++ == '\n');
    }
    return count;
}

/* Rough English/source-text frequency, most common first; bytes not listed count as rare. */
static const char common_bytes[] =
    " etaoinsrhldcumfpgwybvkxjqzETAOINSRHLDCUMFPGWYBVKXJQZ0123456789.,;:-_/\"'()=\t";

/* Lower is rarer; 0 for bytes not listed. */
static size_t rank_of(uint8_t byte)
{
    const char* hit = memchr(common_bytes, byte, sizeof common_bytes - 1);
    return hit ? (sizeof common_bytes - (size_t)(hit - common_bytes)) : 0;
}

static size_t rarest_index(const uint8_t* needle, size_t needle_length)
{
    size_t best = 0;
    size_t best_rank = (size_t)-1;
    for (size_t i = 0; i < needle_length; i++) {
        size_t rank = rank_of(needle[i]);
        if (rank < best_rank) {
            best_rank = rank;
            best = i;
            if (rank == 0) {
                break;
            }
        }
    }
    return best;
}

#if defined(INTEROP_HAVE_MEMMEM)
static int64_t count_with_memmem(const uint8_t* data, size_t length, size_t pos,
                                 const uint8_t* needle, size_t needle_length)
{
    int64_t count = 0;
    while (pos + needle_length <= length) {
        const uint8_t* m = memmem(data + pos, length - pos, needle, needle_length);
        if (m == NULL) {
            break;
        }
        count++;
        size_t after = (size_t)(m - data) + needle_length;
        const uint8_t* nl = memchr(data + after, '\n', length - after);
        if (nl == NULL) {
            break;
        }
        pos = (size_t)(nl - data) + 1;
    }
    return count;
}
#endif

/*
 * Counts the lines with a match starting at or after pos: memchr for the needle's rarest byte, memcmp on
 * candidates. Preconditions: 0 < needle_length <= length, no line counted so far extends past pos,
 * needle holds no '\n'.
 */
static int64_t count_scalar(const uint8_t* data, size_t length, size_t pos,
                            const uint8_t* needle, size_t needle_length)
{
    const size_t ri = rarest_index(needle, needle_length);
    const uint8_t rare = needle[ri];
    const size_t last_start = length - needle_length;
    size_t false_hits = 0;
    int64_t count = 0;

    while (pos <= last_start) {
        size_t from = pos + ri;
        const uint8_t* c = memchr(data + from, rare, last_start + ri + 1 - from);
        if (c == NULL) {
            break;
        }
        size_t start = (size_t)(c - data) - ri;
        if (memcmp(data + start, needle, needle_length) == 0) {
            count++;
            /* The needle has no '\n', so the line's end lies after the match. */
            size_t after = start + needle_length;
            const uint8_t* nl = memchr(data + after, '\n', length - after);
            if (nl == NULL) {
                break;
            }
            pos = (size_t)(nl - data) + 1;
        } else {
            pos = start + 1;
#if defined(INTEROP_HAVE_MEMMEM)
            /* The "rare" byte turned out common: a candidate every <16 bytes makes memchr call-bound. */
            if (++false_hits > 64 + pos / 16) {
                return count + count_with_memmem(data, length, pos, needle, needle_length);
            }
#else
            (void)false_hits;
#endif
        }
    }
    return count;
}

#if defined(INTEROP_LINES_AVX2)
/* A second rare byte at another offset, different from the first (an equal byte would filter nothing more). */
static size_t second_rarest_index(const uint8_t* needle, size_t needle_length, size_t first)
{
    size_t best = first == 0 ? 1 : 0;
    size_t best_rank = (size_t)-1;
    for (size_t i = 0; i < needle_length; i++) {
        size_t rank = needle[i] == needle[first] ? (size_t)-1 : rank_of(needle[i]);
        if (i != first && rank < best_rank) {
            best_rank = rank;
            best = i;
        }
    }
    return best;
}

/*
 * Two rare needle bytes compared at 64 candidate starts per step, as ripgrep's memmem prefilter does: far
 * fewer false candidates than one byte, and one branch per 64 bytes while nothing matches.
 * Preconditions: 2 <= needle_length, length >= needle_length + 63.
 */
__attribute__((target("avx2")))
static int64_t count_matching_lines_avx2(const uint8_t* data, size_t length,
                                         const uint8_t* needle, size_t needle_length)
{
    const size_t o1 = rarest_index(needle, needle_length);
    const size_t o2 = second_rarest_index(needle, needle_length, o1);
    const __m256i first = _mm256_set1_epi8((char)needle[o1]);
    const __m256i second = _mm256_set1_epi8((char)needle[o2]);
    const size_t last_start = length - needle_length;
    int64_t count = 0;
    size_t pos = 0;
    /* A step reads data[pos + o .. pos + 63 + o] for o < needle_length: in bounds while pos + 63 <= last_start. */
    while (pos + 63 <= last_start) {
        const uint8_t* p = data + pos;
        __m256i lo = _mm256_and_si256(
            _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i*)(const void*)(p + o1)), first),
            _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i*)(const void*)(p + o2)), second));
        __m256i hi = _mm256_and_si256(
            _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i*)(const void*)(p + 32 + o1)), first),
            _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i*)(const void*)(p + 32 + o2)), second));
        __m256i any = _mm256_or_si256(lo, hi);
        if (_mm256_testz_si256(any, any)) {
            pos += 64;
            continue;
        }
        uint64_t mask = (uint64_t)(uint32_t)_mm256_movemask_epi8(lo)
                      | ((uint64_t)(uint32_t)_mm256_movemask_epi8(hi) << 32);
        size_t next = pos + 64;
        while (mask != 0) {
            size_t start = pos + (size_t)__builtin_ctzll(mask);
            if (memcmp(data + start, needle, needle_length) == 0) {
                count++;
                /* The needle has no '\n', so the line's end lies after the match. */
                size_t after = start + needle_length;
                const uint8_t* nl = memchr(data + after, '\n', length - after);
                if (nl == NULL) {
                    return count;
                }
                next = (size_t)(nl - data) + 1;
                break;
            }
            mask &= mask - 1;
        }
        pos = next;
    }
    /* Every line counted so far ends before pos: the scalar loop counts the rest. */
    return count + count_scalar(data, length, pos, needle, needle_length);
}

static int avx2_available(void)
{
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return cached;
}
#endif

/* Preconditions: 0 < needle_length <= length, needle holds no '\n'. */
static int64_t count_matching_lines(const uint8_t* data, size_t length,
                                    const uint8_t* needle, size_t needle_length)
{
#if defined(INTEROP_LINES_AVX2)
    if (needle_length >= 2 && length >= needle_length + 63 && avx2_available()) {
        return count_matching_lines_avx2(data, length, needle, needle_length);
    }
#endif
    return count_scalar(data, length, 0, needle, needle_length);
}

int64_t interop_count_lines(const uint8_t* data, size_t length)
{
    if (data == NULL) {
        return length == 0 ? 0 : -1;
    }
    if (length == 0) {
        return 0;
    }
    uint64_t lines = count_newlines(data, length);
    if (data[length - 1] != '\n') {
        lines++;
    }
    return (int64_t)lines;
}

int64_t interop_count_lines_containing(const uint8_t* data, size_t length,
                                       const uint8_t* needle, size_t needle_length)
{
    if ((data == NULL && length > 0) || (needle == NULL && needle_length > 0)) {
        return -1;
    }
    if (length == 0) {
        return 0;
    }
    if (needle_length == 0) {
        return interop_count_lines(data, length);
    }
    if (needle_length > length || memchr(needle, '\n', needle_length) != NULL) {
        return 0;
    }
    return count_matching_lines(data, length, needle, needle_length);
}

int interop_scan_lines(const uint8_t* data, size_t length,
                       const uint8_t* needle, size_t needle_length,
                       interop_line_stats* stats)
{
    if (stats == NULL) {
        return -1;
    }
    int64_t matches = interop_count_lines_containing(data, length, needle, needle_length);
    if (matches < 0) {
        return -1;
    }
    stats->lines = (uint64_t)interop_count_lines(data, length);
    stats->matches = (uint64_t)matches;
    stats->bytes = (uint64_t)length;
    return 0;
}
