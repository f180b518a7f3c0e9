/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console. Output is formatted into a buffer first and written under a
 * lock, with interrupts masked, so that neither another CPU nor an
 * interrupt handler on this one can cut into a line.
 */
#include <guest.h>
#include <guest/arch_if.h>

#define CONSOLE_LINE 256

static spinlock_t console_lock;
static volatile int console_owner = -1;

static void write_raw(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s);
	}
}

static void console_write(const char *s)
{
	unsigned long flags = irq_save();

	spin_lock(&console_lock);
	console_owner = (int)cpu_id();
	write_raw(s);
	console_owner = -1;
	spin_unlock(&console_lock);
	irq_restore(flags);
}

void console_recover(void)
{
	if (console_owner == (int)cpu_id()) {
		console_owner = -1;
		spin_unlock(&console_lock);
	}
}

int console_vprintf(const char *fmt, va_list ap)
{
	char line[CONSOLE_LINE];
	int n = vformat(line, sizeof(line), fmt, ap);

	console_write(line);
	return n;
}

int console_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = console_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void test_vprint(const char *fmt, va_list ap)
{
	char line[CONSOLE_LINE];
	/* Room for the newline even when the text is cut short. */
	size_t room = sizeof(line) - 1;
	size_t n = (size_t)format(line, room, "%s[%u]: ", test_name, cpu_id());

	if (n < room - 1)
		n += (size_t)vformat(line + n, room - n, fmt, ap);
	if (n > room - 1)
		n = room - 1;
	line[n] = '\n';
	line[n + 1] = '\0';
	console_write(line);
}

void test_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	test_vprint(fmt, ap);
	va_end(ap);
}
