/* SPDX-License-Identifier: Apache-2.0 */
#include "format.h"

#include <stdint.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_number(struct out *o, uint64_t v, unsigned base, int upper,
		       int width, char pad, int negative)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (negative && pad == '0')
		put(o, '-');
	for (int i = n + negative; i < width; i++)
		put(o, pad);
	if (negative && pad != '0')
		put(o, '-');
	while (n)
		put(o, tmp[--n]);
}

static uint64_t take_unsigned(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, unsigned long long);
	if (longs == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t take_signed(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, long long);
	if (longs == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static void put_string(struct out *o, const char *s, int width)
{
	int n = 0;

	if (!s)
		s = "(null)";
	while (s[n])
		n++;
	for (; n < width; width--)
		put(o, ' ');
	while (*s)
		put(o, *s++);
}

/* One conversion starting after '%'; returns the position after it. */
static const char *convert(struct out *o, const char *f, va_list *ap)
{
	char pad = ' ';
	int width = 0, longs = 0;

	if (*f == '0')
		pad = *f++;
	while (*f >= '0' && *f <= '9')
		width = width * 10 + (*f++ - '0');
	for (; *f == 'l' || *f == 'z'; f++)
		longs++;
	switch (*f) {
	case 'd':
	case 'i': {
		int64_t v = take_signed(ap, longs);
		uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

		put_number(o, mag, 10, 0, width, pad, v < 0);
		break;
	}
	case 'u':
		put_number(o, take_unsigned(ap, longs), 10, 0, width, pad, 0);
		break;
	case 'x':
	case 'X':
		put_number(o, take_unsigned(ap, longs), 16, *f == 'X', width,
			   pad, 0);
		break;
	case 'p':
		put(o, '0');
		put(o, 'x');
		put_number(o, (uintptr_t)va_arg(*ap, void *), 16, 0, width, pad,
			   0);
		break;
	case 's':
		put_string(o, va_arg(*ap, const char *), width);
		break;
	case 'c':
		put(o, (char)va_arg(*ap, int));
		break;
	case '%':
		put(o, '%');
		break;
	default:
		put(o, '%');
		if (!*f)
			return f;
		put(o, *f);
	}
	return f + 1;
}

int vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%')
			put(&o, *fmt++);
		else
			fmt = convert(&o, fmt + 1, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
