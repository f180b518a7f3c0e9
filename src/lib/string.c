/* SPDX-License-Identifier: Apache-2.0 */
/* The few C library routines the freestanding hypervisor needs (GCC may emit
 * calls to memcpy / memset on its own, so these names are required). */
#include "string.h"

#include <stdint.h>

/*
 * Word-at-a-time when both pointers allow it: zeroing and loading VMs' memory
 * at boot is the bulk of the time to the first guest instruction.
 */
typedef uint64_t __attribute__((may_alias)) word_t;

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (!(((uintptr_t)d | (uintptr_t)s) & 7)) {
		for (; n >= 32; n -= 32, d += 32, s += 32) {
			word_t a = ((const word_t *)s)[0];
			word_t b = ((const word_t *)s)[1];
			word_t c = ((const word_t *)s)[2];
			word_t e = ((const word_t *)s)[3];

			((word_t *)d)[0] = a;
			((word_t *)d)[1] = b;
			((word_t *)d)[2] = c;
			((word_t *)d)[3] = e;
		}
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	if (!((uintptr_t)d & 7)) {
		word_t w = 0x0101010101010101ull * (unsigned char)c;

		for (; n >= 32; n -= 32, d += 32) {
			((word_t *)d)[0] = w;
			((word_t *)d)[1] = w;
			((word_t *)d)[2] = w;
			((word_t *)d)[3] = w;
		}
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}
