/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small vsnprintf: enough for test output, nothing that needs floating
 * point (the guest is built with general registers only).
 */
#include <guest.h>

struct sink {
	char *buf;
	size_t size;
	size_t len; /* what the output would need, even past size */
};

struct spec {
	bool left;
	bool zero;
	int width;
	int longs; /* how many l (or z): 0 int, 1 long, 2 long long */
};

static void put(struct sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void put_str(struct sink *s, const char *str)
{
	while (*str)
		put(s, *str++);
}

static void pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		put(s, c);
}

static void put_number(struct sink *s, const struct spec *sp,
		       unsigned long long v, unsigned base, bool upper,
		       const char *prefix)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[24];
	int n = 0;
	int fill;

	do {
		digits[n++] = set[v % base];
		v /= base;
	} while (v);
	fill = sp->width - n - (int)strlen(prefix);
	if (!sp->left && !sp->zero)
		pad(s, ' ', fill);
	put_str(s, prefix);
	if (!sp->left && sp->zero)
		pad(s, '0', fill);
	while (n)
		put(s, digits[--n]);
	if (sp->left)
		pad(s, ' ', fill);
}

static void put_padded(struct sink *s, const struct spec *sp, const char *str)
{
	int fill = sp->width - (int)strlen(str);

	if (!sp->left)
		pad(s, ' ', fill);
	put_str(s, str);
	if (sp->left)
		pad(s, ' ', fill);
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
	if (sp->longs >= 2)
		return va_arg(*ap, unsigned long long);
	if (sp->longs == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
	if (sp->longs >= 2)
		return va_arg(*ap, long long);
	if (sp->longs == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static void put_signed(struct sink *s, const struct spec *sp, long long v)
{
	/* Negate as unsigned: -LLONG_MIN does not fit a long long. */
	unsigned long long mag =
	    v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	put_number(s, sp, mag, 10, false, v < 0 ? "-" : "");
}

/* Reads flags, width and size; returns where the conversion is. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){0};
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	/* z: size_t is an unsigned long here. */
	for (; *f == 'l' || *f == 'z'; f++)
		sp->longs++;
	return f;
}

static void convert(struct sink *s, const struct spec *sp, char c, va_list *ap)
{
	char ch[2] = {0, 0};
	const char *str;

	switch (c) {
	case 'd':
	case 'i':
		put_signed(s, sp, get_signed(sp, ap));
		break;
	case 'u':
		put_number(s, sp, get_unsigned(sp, ap), 10, false, "");
		break;
	case 'x':
	case 'X':
		put_number(s, sp, get_unsigned(sp, ap), 16, c == 'X', "");
		break;
	case 'p':
		put_number(s, sp, (uintptr_t)va_arg(*ap, void *), 16, false,
			   "0x");
		break;
	case 's':
		str = va_arg(*ap, const char *);
		put_padded(s, sp, str ? str : "(null)");
		break;
	case 'c':
		ch[0] = (char)va_arg(*ap, int);
		put_padded(s, sp, ch);
		break;
	default: /* %% and anything unknown print as they are */
		put(s, c);
		break;
	}
}

int vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = {buf, size, 0};
	struct spec sp;
	va_list args;

	/* Through a pointer to a copy: va_list may be an array type. */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&s, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		if (!*fmt)
			break;
		convert(&s, &sp, *fmt++, &args);
	}
	va_end(args);
	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return (int)s.len;
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
