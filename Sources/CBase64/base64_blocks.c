// SSSE3 base64 decoding (nibble lookups with PSHUFB, as described by Wojciech Muła and Daniel Lemire, "Faster Base64
// Encoding and Decoding Using AVX2 Instructions", 2018). Only the clean middle of a MIME body comes here; padding,
// garbage and odd line breaks stay in Swift (TransferEncoding.decodeBase64), which checks this against its own
// byte-by-byte decoding in the tests.
#include "cbase64.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

__attribute__((target("ssse3")))
static size_t decode_blocks_ssse3(const uint8_t *in, size_t n, uint8_t *out, size_t *written) {
    // A byte is valid when lut_lo[low nibble] & lut_hi[high nibble] == 0. Bits of lut_hi by high nibble:
    // 0x01 for 0x2_ (only '+' 0x2B and '/' 0x2F valid), 0x02 for 0x3_ (digits 0x30–0x39), 0x04 for 0x4_ and 0x6_
    // (all but 0x40 and 0x60), 0x08 for 0x5_ and 0x7_ (up to 0x5A and 0x7A), 0x10 for everything else (never valid).
    const __m128i lut_lo = _mm_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                         0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
    const __m128i lut_hi = _mm_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08,
                                         0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
    // What to add to a valid byte, by high nibble ('/' moved from 2 to 1): '/' +16, '+' +19, digits +4, upper −65,
    // lower −71.
    const __m128i lut_roll = _mm_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m128i nibble = _mm_set1_epi8(0x0F), slash = _mm_set1_epi8(0x2F), zero = _mm_setzero_si128();
    // Four 6-bit values per 32-bit lane → one 24-bit value (a<<18 | b<<12 | c<<6 | d), then its three bytes in order.
    const __m128i pairs = _mm_set1_epi32(0x01400140), quads = _mm_set1_epi32(0x00011000);
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    size_t i = 0, w = 0;
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(in + i));
        __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), nibble);
        __m128i lo = _mm_and_si128(v, nibble);
        __m128i bad = _mm_and_si128(_mm_shuffle_epi8(lut_lo, lo), _mm_shuffle_epi8(lut_hi, hi));
        unsigned valid = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(bad, zero));
        __m128i roll = _mm_shuffle_epi8(lut_roll, _mm_add_epi8(_mm_cmpeq_epi8(v, slash), hi));
        __m128i packed = _mm_madd_epi16(_mm_maddubs_epi16(_mm_add_epi8(v, roll), pairs), quads);
        // Stored whatever the block holds: bytes past the valid groups are overwritten by what comes next.
        _mm_storeu_si128((__m128i *)(out + w), _mm_shuffle_epi8(packed, order));
        if (__builtin_expect(valid == 0xFFFF, 1)) {
            i += 16;
            w += 12;
            continue;
        }
        // Whole groups only: those before whatever comes next.
        unsigned run = (unsigned)__builtin_ctz(~valid) & ~3u;
        i += run;
        w += run / 4 * 3;
        // A line break between groups is skipped; anything else is left to the caller.
        if (in[i] == '\r') i += in[i + 1] == '\n' ? 2 : 1;
        else if (in[i] == '\n') i += 1;
        else break;
    }
    *written = w;
    return i;
}

size_t espace_base64_decode_blocks(const uint8_t *in, size_t n, uint8_t *out, size_t *written) {
    if (!__builtin_cpu_supports("ssse3")) { *written = 0; return 0; }
    return decode_blocks_ssse3(in, n, out, written);
}

#else

size_t espace_base64_decode_blocks(const uint8_t *in, size_t n, uint8_t *out, size_t *written) {
    (void)in; (void)n; (void)out;
    *written = 0;
    return 0;
}

#endif
