#ifndef ESPACE_CBASE64_H
#define ESPACE_CBASE64_H

#include <stddef.h>
#include <stdint.h>

/// Decodes the clean base64 at the start of `in` (alphabet `A–Z a–z 0–9 + /` only, whole 4-character groups, CR, LF or
/// CRLF line breaks between groups) 16 bytes at a time with SSSE3, and stops at the first thing it does not decode:
/// padding, a space, another alphabet, a line break inside a group, or fewer than 16 bytes left. Returns the number of
/// input bytes consumed and sets `*written` to the number of bytes decoded into `out`, which must have room for
/// `*written` + 16 bytes (each block stores 16 bytes to advance 12). The caller decodes the rest. Consumes nothing
/// where SSSE3 is not available.
size_t espace_base64_decode_blocks(const uint8_t *in, size_t n, uint8_t *out, size_t *written);

#endif
