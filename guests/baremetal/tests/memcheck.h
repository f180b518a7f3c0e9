/* SPDX-License-Identifier: Apache-2.0 */
/* What the cache-coloring tests (colors.c, vmchild.c) check of their memory. */
#ifndef GUEST_TESTS_MEMCHECK_H
#define GUEST_TESTS_MEMCHECK_H

#include <guest.h>

#define MEMCHECK_PAGE 4096ul

/*
 * Every page of [from, to) (from rounded up to a page) gets its own address
 * written at both ends, then every page is read back: two guest-physical
 * pages on one frame would show the later write in the earlier page. Fails
 * the test on a mismatch; returns how many pages it checked.
 */
static inline unsigned long memcheck_pages_distinct(unsigned long from,
						    unsigned long to)
{
	unsigned long first = (from + MEMCHECK_PAGE - 1) & ~(MEMCHECK_PAGE - 1);
	unsigned long last = MEMCHECK_PAGE / sizeof(unsigned long) - 1;

	for (unsigned long p = first; p < to; p += MEMCHECK_PAGE) {
		((volatile unsigned long *)p)[0] = p;
		((volatile unsigned long *)p)[last] = ~p;
	}
	for (unsigned long p = first; p < to; p += MEMCHECK_PAGE)
		if (((volatile unsigned long *)p)[0] != p ||
		    ((volatile unsigned long *)p)[last] != ~p)
			guest_fail("page 0x%lx holds another page's data", p);
	return (to - first) / MEMCHECK_PAGE;
}

#endif
