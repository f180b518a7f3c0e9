/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Cache coloring from inside a VM: HC_MEM_REPORT says which colors the VM's
 * frames have, how many there are and in how many contiguous runs (the
 * scenario compares them with the configuration); then every page of the
 * VM's memory past the image must be a page of its own.
 */
#include <guest.h>

#include "memcheck.h"

GUEST_TEST("colors");

void test_main(void)
{
	extern char __image_end[];
	struct hc_ret r = hc_call(HC_MEM_REPORT, 0, 0, 0, 0, 0);
	unsigned long end = ARCH_RAM_BASE + r.r2 * MEMCHECK_PAGE;

	if (r.status != HS_OK)
		guest_fail("HC_MEM_REPORT: status %ld", r.status);
	test_print("frames %lu, colors 0x%lx, runs %lu", r.r2, r.r1, r.r3);
	test_print("%lu pages written and read back, all distinct",
		   memcheck_pages_distinct((unsigned long)__image_end, end));
	test_pass();
}
