/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_LIB_FORMAT_H
#define TESSERA_LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * printf-style formatting into a buffer: %d %i %u %x %X %lx %llu %p %s %c %%,
 * with '0' padding, a width and the 'l' / 'll' / 'z' length modifiers.
 * Returns the length the full output would have had, like vsnprintf.
 */
int vformat(char *buf, size_t size, const char *fmt, va_list ap);
int format(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
