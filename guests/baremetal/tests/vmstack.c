/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The VM-stack from a parent's side (configs/test-vmstack.c): the parent's
 * configuration loads the child image (vmchild.bin) at CHILD_IMAGE; the
 * parent copies it into 1 MiB slots of its own memory, describes children
 * over those slots and creates, invokes and destroys them.
 */
#include "vmstack.h"

GUEST_TEST("vmstack");

#define CHILD_IMAGE                                                          \
	(ARCH_RAM_BASE + 0x2000000ul) /* vmchild.bin, from the configuration \
				       */
/* Where the image sits in a child's memory, from its start. */
#define IMAGE_OFFSET (ARCH_IMAGE_BASE - ARCH_RAM_BASE)
#define SLOTS \
	(CHILD_IMAGE + 0x100000ul) /* CHILD_SIZE slots given to children */
#define SLOT_SIZE      CHILD_SIZE
#define MODE(m, index) CHILD_ARG(m, index)

static struct child_desc desc __attribute__((aligned(8)));

/* A child whose memory starts at the board's RAM base, as its image expects. */
static void desc_build(unsigned long slot, unsigned long size,
		       unsigned long arg, const char *name)
{
	child_desc_build(&desc, slot, CHILD_IPA, size, arg, name);
}

static struct hc_ret create(void)
{
	return hc_call(HC_VM_CREATE, (unsigned long)&desc, sizeof(desc), 0, 0,
		       0);
}

static unsigned long child_new(unsigned slot, unsigned long arg,
			       const char *name)
{
	unsigned long base = SLOTS + slot * SLOT_SIZE;
	struct hc_ret r;

	memcpy((void *)(base + IMAGE_OFFSET), (const void *)CHILD_IMAGE,
	       CHILD_IMAGE_MAX);
	desc_build(base, SLOT_SIZE, arg, name);
	r = create();
	if (r.status != HS_OK)
		guest_fail("create %s: status %ld", name, r.status);
	return r.r1;
}

static struct hc_ret invoke(unsigned long id)
{
	return hc_call(HC_VM_INVOKE, id, 0, 0, 0, 0);
}

static void expect(const char *what, long got, long want)
{
	if (got != want)
		guest_fail("%s: got %ld, want %ld", what, got, want);
	test_print("%s: %ld as expected", what, got);
}

static void three_children(void)
{
	unsigned long id[3];
	static const char *names[3] = {"child-0", "child-1", "child-2"};
	struct hc_ret m[3];

	for (unsigned i = 0; i < 3; i++)
		id[i] = child_new(i, MODE(CHILD_YIELD, i), names[i]);
	for (unsigned round = 0; round < 3; round++)
		for (unsigned i = 0; i < 3; i++) {
			struct hc_ret r = invoke(id[i]);

			if (r.status != HS_OK || r.r1 != HC_INVOKE_YIELDED ||
			    r.r2 != i * 100 + round)
				guest_fail("invoke %u: %ld/%lu/%lu", i,
					   r.status, r.r1, r.r2);
			test_print("child %u yielded %lu", i, r.r2);
		}
	for (unsigned i = 0; i < 3; i++)
		m[i] = hc_call(HC_VM_MEASURE, id[i], 0, 0, 0, 0);
	if (m[0].status || m[0].r1 == m[1].r1 || m[1].r1 == m[2].r1)
		guest_fail("measurements not distinct");
	test_print("measurements %016lx %016lx %016lx", m[0].r1, m[1].r1,
		   m[2].r1);
	for (unsigned i = 0; i < 3; i++)
		expect("destroy",
		       hc_call(HC_VM_DESTROY, id[i], 0, 0, 0, 0).status, HS_OK);
	expect("double destroy",
	       hc_call(HC_VM_DESTROY, id[0], 0, 0, 0, 0).status, HS_NOT_FOUND);
	expect("invoke after destroy", invoke(id[1]).status, HS_NOT_FOUND);
}

static void misuse(void)
{
	unsigned long id = child_new(0, MODE(CHILD_YIELD, 0), "misuse");

	expect("foreign id", invoke(id ^ 0x100).status, HS_NOT_FOUND);
	expect("bad vCPU", hc_call(HC_VM_INVOKE, id, 5, 0, 0, 0).status,
	       HS_INVALID);
	expect("description outside our memory",
	       hc_call(HC_VM_CREATE, ARCH_RAM_BASE + 0x40000000ul, sizeof(desc),
		       0, 0, 0)
		   .status,
	       HS_INVALID);
	expect("tiny description",
	       hc_call(HC_VM_CREATE, (unsigned long)&desc, 8, 0, 0, 0).status,
	       HS_INVALID);
	desc_build(SLOTS, SLOT_SIZE, 0, "overlap");
	expect("memory already given to a child", create().status, HS_DENIED);
	desc_build(ARCH_RAM_BASE + 0x3ff00000ul, SLOT_SIZE, 0, "notours");
	expect("memory we do not own", create().status, HS_BAD_DESC);
	desc_build(SLOTS + SLOT_SIZE, SLOT_SIZE, 0, "badmagic");
	desc.h.magic ^= 1;
	expect("bad magic", create().status, HS_BAD_DESC);
	expect("destroy", hc_call(HC_VM_DESTROY, id, 0, 0, 0, 0).status, HS_OK);
}

static void zeroed_after_destroy(void)
{
	unsigned long id = child_new(0, MODE(CHILD_SCRIBBLE, 0), "scribbler");
	struct hc_ret r = invoke(id);
	const uint64_t *p = (const uint64_t *)SLOTS;

	if (r.status != HS_OK || r.r1 != HC_INVOKE_YIELDED || r.r2 != 0xaa)
		guest_fail("scribbler: %ld/%lu/%lu", r.status, r.r1, r.r2);
	expect("destroy", hc_call(HC_VM_DESTROY, id, 0, 0, 0, 0).status, HS_OK);
	for (unsigned long i = 0; i < SLOT_SIZE / 8; i++)
		if (p[i])
			guest_fail("slot not zeroed at +0x%lx", i * 8);
	test_print("memory back from the child, zeroed");
}

static void child_attack(void)
{
	unsigned long id = child_new(1, MODE(CHILD_ATTACK, 1), "attacker");
	struct hc_ret r = invoke(id);

	expect("attacking child's invoke status", r.status, HS_OK);
	expect("attacking child stopped", (long)r.r1, HC_INVOKE_STOPPED);
	expect("invoke stopped child", (long)invoke(id).r1, HC_INVOKE_STOPPED);
	expect("destroy", hc_call(HC_VM_DESTROY, id, 0, 0, 0, 0).status, HS_OK);
}

static void parent_interrupts(void)
{
	unsigned long id = child_new(2, MODE(CHILD_SPIN, 2), "spinner");
	unsigned long start = timer_ticks();
	unsigned interrupted = 0;

	timer_start_periodic(10000, NULL);
	while (timer_ticks() < start + 5) {
		struct hc_ret r = invoke(id);

		if (r.status != HS_OK || r.r1 != HC_INVOKE_INTERRUPTED)
			guest_fail("spinner: %ld/%lu", r.status, r.r1);
		interrupted++;
	}
	timer_stop();
	test_print("timer ticks reached us %u times while a child spun",
		   interrupted);
	expect("destroy", hc_call(HC_VM_DESTROY, id, 0, 0, 0, 0).status, HS_OK);
}

/* A child makes a child of its own from memory we gave it. */
static void grandchild(void)
{
	unsigned long base = SLOTS + 4 * SLOT_SIZE;
	struct hc_ret r;
	unsigned long id;

	/* The grandchild's image, where the nesting child will describe it. */
	memcpy((void *)(base + SLOT_SIZE + IMAGE_OFFSET),
	       (const void *)CHILD_IMAGE, CHILD_IMAGE_MAX);
	memcpy((void *)(base + IMAGE_OFFSET), (const void *)CHILD_IMAGE,
	       CHILD_IMAGE_MAX);
	desc_build(base, 2 * SLOT_SIZE, MODE(CHILD_NEST, 4), "nester");
	r = create();
	if (r.status != HS_OK)
		guest_fail("create nester: status %ld", r.status);
	id = r.r1;
	r = invoke(id);
	if (r.status != HS_OK || r.r1 != HC_INVOKE_YIELDED || r.r2 != 700)
		guest_fail("nester: %ld/%lu/%lu", r.status, r.r1, r.r2);
	test_print("grandchild yielded %lu through its parent", r.r2);
	expect("destroy", hc_call(HC_VM_DESTROY, id, 0, 0, 0, 0).status, HS_OK);
}

/* Just its entry page and a little more: cheap to measure. */
static struct hc_ret short_lived(void)
{
	child_desc_build(&desc, SLOTS, ARCH_IMAGE_BASE, 16 * 1024, 0,
			 "short-lived");
	return create();
}

void test_main(void)
{
	three_children();
	misuse();
	zeroed_after_destroy();
	child_attack();
	parent_interrupts();
	grandchild();
	child_cycles_no_leak(10000, short_lived, "creates and destroys");
	test_pass();
}
