// SPDX-License-Identifier: Apache-2.0
#include <stdarg.h>
#include <stdio.h>

#include "unit.h"

static const char *current;
static bool current_failed;
static unsigned passed, failed;

static void mark_failed(const char *file, int line)
{
	if (!current_failed)
		printf("FAIL %s\n", current ? current : "(outside a test)");
	current_failed = true;
	printf("  %s:%d: ", file, line);
}

void unit_check(bool ok, const char *what, const char *file, int line)
{
	if (ok)
		return;
	mark_failed(file, line);
	printf("%s\n", what);
}

void unit_checkf(bool ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return;
	mark_failed(file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void unit_run(const char *name, void (*test)(void))
{
	current = name;
	current_failed = false;
	test();
	if (current_failed)
		failed++;
	else
		passed++;
	current = NULL;
}

int unit_summary(const char *suite)
{
	printf("%s: %u passed, %u failed\n", suite, passed, failed);
	return failed ? 1 : 0;
}
