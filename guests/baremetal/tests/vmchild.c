/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A child VM for the VM-stack tests. Its boot argument (set by the parent
 * in the description) says what to do: bits 0..7 its index, bits 8..15 a
 * mode (see vmstack.c).
 */
#include "memcheck.h"
#include "vmstack.h"

GUEST_TEST("vmchild");

static void yield(unsigned long value)
{
	struct hc_ret r = hc_call(HC_VM_YIELD, value, 0, 0, 0, 0);

	if (r.status != HS_OK)
		guest_fail("yield returned %ld", r.status);
}

static struct child_desc grandchild_desc __attribute__((aligned(8)));

static void nest(unsigned index)
{
	struct hc_ret r;
	unsigned long id;

	child_desc_build(&grandchild_desc, CHILD_IPA + CHILD_SIZE, CHILD_IPA,
			 CHILD_SIZE, CHILD_ARG(CHILD_YIELD, 7), "grandchild");
	r = hc_call(HC_VM_CREATE, (unsigned long)&grandchild_desc,
		    sizeof(grandchild_desc), 0, 0, 0);
	if (r.status != HS_OK)
		guest_fail("child %u: create grandchild: %ld", index, r.status);
	id = r.r1;
	r = hc_call(HC_VM_INVOKE, id, 0, 0, 0, 0);
	if (r.status != HS_OK || r.r1 != HC_INVOKE_YIELDED)
		guest_fail("child %u: grandchild: %ld/%lu", index, r.status,
			   r.r1);
	if (hc_call(HC_VM_DESTROY, id, 0, 0, 0, 0).status != HS_OK)
		guest_fail("child %u: destroy grandchild", index);
	yield(r.r2);
}

static void report(unsigned index, unsigned long image_end)
{
	struct hc_ret r = hc_call(HC_MEM_REPORT, 0, 0, 0, 0, 0);

	if (r.status != HS_OK)
		guest_fail("child %u: HC_MEM_REPORT: %ld", index, r.status);
	test_print("child %u: frames %lu, colors 0x%lx, runs %lu", index, r.r2,
		   r.r1, r.r3);
	test_print("child %u: %lu pages distinct", index,
		   memcheck_pages_distinct(image_end, CHILD_MEM_END));
	yield(r.r2);
}

void test_main(void)
{
	unsigned index = guest_boot_arg & 0xff;
	unsigned mode = (guest_boot_arg >> 8) & 0xff;
	extern char __image_end[];

	test_print("child %u up, mode %u", index, mode);
	switch (mode) {
	case CHILD_YIELD:
		for (unsigned long round = 0;; round++)
			yield(index * 100 + round);
	case CHILD_SPIN:
		for (;;)
			__asm__ volatile("" ::: "memory");
	case CHILD_ATTACK:
		test_print("child %u: writing to 0x%lx", index, CHILD_MEM_END);
		*(volatile uint32_t *)CHILD_MEM_END = 0xbad;
		test_print("child %u: survived", index);
		break;
	case CHILD_NEST:
		nest(index);
		break;
	case CHILD_REPORT:
		report(index, (unsigned long)__image_end);
		break;
	case CHILD_SCRIBBLE:
		for (char *p = __image_end; p < (char *)CHILD_MEM_END - 4096;
		     p++)
			*p = (char)0xaa;
		yield(0xaa);
		break;
	}
	for (;;)
		yield(0xdead);
}
