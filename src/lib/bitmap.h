/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_LIB_BITMAP_H
#define TESSERA_LIB_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BITMAP_WORD_BITS   64u
#define BITMAP_WORDS(bits) (((bits) + BITMAP_WORD_BITS - 1) / BITMAP_WORD_BITS)

typedef uint64_t bitmap_t;

static inline void bitmap_set(bitmap_t *map, size_t bit)
{
	map[bit / BITMAP_WORD_BITS] |= 1ull << (bit % BITMAP_WORD_BITS);
}

static inline void bitmap_clear(bitmap_t *map, size_t bit)
{
	map[bit / BITMAP_WORD_BITS] &= ~(1ull << (bit % BITMAP_WORD_BITS));
}

static inline bool bitmap_test(const bitmap_t *map, size_t bit)
{
	return (map[bit / BITMAP_WORD_BITS] >> (bit % BITMAP_WORD_BITS)) & 1;
}

/* First set bit at or after `from`, or `bits` if none. */
static inline size_t bitmap_next_set(const bitmap_t *map, size_t bits,
				     size_t from)
{
	while (from < bits) {
		uint64_t w =
		    map[from / BITMAP_WORD_BITS] >> (from % BITMAP_WORD_BITS);

		if (w)
			return from + (size_t)__builtin_ctzll(w) < bits
				   ? from + (size_t)__builtin_ctzll(w)
				   : bits;
		from = (from / BITMAP_WORD_BITS + 1) * BITMAP_WORD_BITS;
	}
	return bits;
}

#endif
