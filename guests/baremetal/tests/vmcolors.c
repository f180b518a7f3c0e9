/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Cache colors in the VM-stack, from a colored parent's side
 * (configs/test-vmstack-colors.c loads vmchild.bin at CHILD_IMAGE): a child
 * with a subset of our colors gets only frames of those, a child without
 * colors gets ours, a child may not have colors we lack, and every frame
 * comes back at destroy.
 */
#include "vmstack.h"

GUEST_TEST("vmcolors");

#define CHILD_IMAGE  (ARCH_RAM_BASE + 0x2000000ul)
#define IMAGE_OFFSET (ARCH_IMAGE_BASE - ARCH_RAM_BASE)
#define SLOT	     (CHILD_IMAGE + 0x100000ul)
#define CHILD_FRAMES (CHILD_SIZE / 4096)

static struct child_desc desc __attribute__((aligned(8)));

static struct hc_ret report(void)
{
	return hc_call(HC_MEM_REPORT, 0, 0, 0, 0, 0);
}

/* A child over SLOT with these colors; its image is put there first. */
static struct hc_ret create(unsigned long colors, unsigned long arg,
			    const char *name)
{
	memcpy((void *)(SLOT + IMAGE_OFFSET), (const void *)CHILD_IMAGE,
	       CHILD_IMAGE_MAX);
	child_desc_build(&desc, SLOT, CHILD_IPA, CHILD_SIZE, arg, name);
	desc.vm.colors = colors;
	return hc_call(HC_VM_CREATE, (unsigned long)&desc, sizeof(desc), 0, 0,
		       0);
}

/* A reporting child runs, reports, and is destroyed; our frames return. */
static void child_round(unsigned long colors, unsigned index, const char *name)
{
	struct hc_ret before = report(), r, during;
	unsigned long id;

	r = create(colors, CHILD_ARG(CHILD_REPORT, index), name);
	if (r.status != HS_OK)
		guest_fail("create %s: status %ld", name, r.status);
	id = r.r1;
	r = hc_call(HC_VM_INVOKE, id, 0, 0, 0, 0);
	if (r.status != HS_OK || r.r1 != HC_INVOKE_YIELDED ||
	    r.r2 != CHILD_FRAMES)
		guest_fail("%s: %ld/%lu/%lu", name, r.status, r.r1, r.r2);
	during = report();
	test_print("%s yielded %lu frames; we have %lu while it lives", name,
		   r.r2, during.r2);
	if (during.r2 != before.r2 - CHILD_FRAMES)
		guest_fail("%s: we should have %lu frames", name,
			   before.r2 - CHILD_FRAMES);
	if (hc_call(HC_VM_DESTROY, id, 0, 0, 0, 0).status != HS_OK)
		guest_fail("destroy %s", name);
	r = report();
	if (r.r1 != before.r1 || r.r2 != before.r2 || r.r3 != before.r3)
		guest_fail("%s: frames not back: %lu/0x%lx/%lu", name, r.r2,
			   r.r1, r.r3);
	test_print("%s destroyed: frames %lu, colors 0x%lx, runs %lu back",
		   name, r.r2, r.r1, r.r3);
}

static struct hc_ret short_lived(void)
{
	return create(0x3, 0, "short-lived");
}

void test_main(void)
{
	struct hc_ret self = report();
	struct hc_ret r;

	test_print("parent: frames %lu, colors 0x%lx", self.r2, self.r1);
	child_round(0xc, 0, "colored-child");
	child_round(0, 1, "plain-child");
	r = create(self.r1 << 1 & ~self.r1, 0, "foreign-colors");
	test_print("child with colors we lack: status %ld", r.status);
	if (r.status != HS_BAD_DESC)
		guest_fail("foreign colors accepted");
	child_cycles_no_leak(200, short_lived, "colored creates and destroys");
	test_pass();
}
