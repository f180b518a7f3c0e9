/* SPDX-License-Identifier: Apache-2.0 */
/* String routines for freestanding code; on a host build this is libc's
 * <string.h>. */
#ifndef TESSERA_LIB_STRING_H
#define TESSERA_LIB_STRING_H

#if defined(TESSERA_HOST)
#include <string.h>
#else
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strncmp(const char *a, const char *b, size_t n);
#endif

#endif
