/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A very small test harness: a test is a function; CHECK records a failure
 * with its line and lets the test go on; unit_summary prints
 * "<suite>: N passed, N failed" and gives the exit status.
 */
#ifndef TESSERA_TESTS_UNIT_H
#define TESSERA_TESTS_UNIT_H

#include <stdbool.h>

#define CHECK(cond) unit_check((cond) ? true : false, #cond, __FILE__, __LINE__)

/* Like CHECK, with a printf-style explanation when it fails. */
#define CHECKF(cond, ...) \
	unit_checkf((cond) ? true : false, __FILE__, __LINE__, __VA_ARGS__)

void unit_check(bool ok, const char *what, const char *file, int line);
void unit_checkf(bool ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void unit_run(const char *name, void (*test)(void));
/* Prints the summary line; returns the process exit status. */
int unit_summary(const char *suite);

#endif
