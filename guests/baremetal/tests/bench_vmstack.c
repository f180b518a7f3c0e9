/* SPDX-License-Identifier: Apache-2.0 */
/*
 * VM-stack benchmarks, from a parent VM (configs/bench-vmstack.c, which
 * also loads vmchild.bin at CHILD_IMAGE):
 *
 * vmstack_invoke_yield  HC_VM_INVOKE of a child that at once yields back
 *                       (vmchild's CHILD_YIELD mode), per round trip.
 * vm_create_destroy_1m  HC_VM_CREATE then HC_VM_DESTROY of a child with
 * vm_create_destroy_16m 1 MiB / 16 MiB of the parent's memory, never run
 *                       (whatever the hypervisor does with the memory on
 *                       the way, measuring or zeroing it, included).
 *
 * Prints BENCH lines (see bench.h), then PASS, and powers off.
 */
#include <tessera/vmdesc.h>

#include "bench.h"
#include "vmstack.h"

GUEST_TEST("bench_vmstack");

/* vmchild.bin, placed by the configuration; at most this long. */
#define CHILD_IMAGE (ARCH_RAM_BASE + 0x2000000ul)
/* Memory handed to children: a 1 MiB slot, then a 16 MiB one. */
#define SLOT_SMALL (CHILD_IMAGE + 0x100000ul)
#define SLOT_BIG   (CHILD_IMAGE + 0x200000ul)
#define MiB_	   0x100000ul

/* Creating a child costs about 200 instructions per byte of it (its
 * measurement): few runs of those, the figures are exact anyway. */
#define INVOKE_RUNS  101
#define INVOKE_BATCH 16
#define SMALL_RUNS   3
#define BIG_RUNS     1

static struct child_desc desc __attribute__((aligned(8)));

/* A one-vCPU child on our vCPU 0: `size` bytes of ours from `slot`. */
static void desc_build(unsigned long slot, unsigned long size,
		       unsigned long arg)
{
	child_desc_build(&desc, slot, CHILD_IPA, size, arg, "bench-child");
}

static unsigned long create(const char *what)
{
	struct hc_ret r =
	    hc_call(HC_VM_CREATE, (unsigned long)&desc, sizeof(desc), 0, 0, 0);

	if (r.status != HS_OK)
		guest_fail("%s: create: status %ld", what, r.status);
	return r.r1;
}

static void destroy(unsigned long id, const char *what)
{
	long status = hc_call(HC_VM_DESTROY, id, 0, 0, 0, 0).status;

	if (status != HS_OK)
		guest_fail("%s: destroy: status %ld", what, status);
}

static void invoke_yield(void)
{
	struct bench_stats s = {0};
	unsigned long base = SLOT_SMALL - (ARCH_IMAGE_BASE - ARCH_RAM_BASE);
	unsigned long id;
	struct hc_ret r;

	/* The child's image at its entry point, inside its memory. */
	memcpy((void *)SLOT_SMALL, (const void *)CHILD_IMAGE, CHILD_IMAGE_MAX);
	desc_build(base, CHILD_SIZE, CHILD_ARG(CHILD_YIELD, 0));
	id = create("invoke_yield");
	/* Untimed: the child's boot and its first line of output. */
	r = hc_call(HC_VM_INVOKE, id, 0, 0, 0, 0);
	if (r.status != HS_OK || r.r1 != HC_INVOKE_YIELDED)
		guest_fail("first invoke: %ld/%lu", r.status, r.r1);
	for (unsigned run = 0; run < INVOKE_RUNS; run++) {
		uint64_t t0 = bench_now(), t1;

		for (unsigned k = 0; k < INVOKE_BATCH; k++) {
			r = hc_call(HC_VM_INVOKE, id, 0, 0, 0, 0);
			if (r.status != HS_OK || r.r1 != HC_INVOKE_YIELDED)
				guest_fail("invoke: %ld/%lu", r.status, r.r1);
		}
		t1 = bench_now();
		stats_add(&s,
			  per_event_tenths((int64_t)(t1 - t0), INVOKE_BATCH));
	}
	destroy(id, "invoke_yield");
	bench_report("vmstack_invoke_yield", "instructions", &s, INVOKE_BATCH);
}

/* In us (tenths), as boot times are: these take millions of instructions. */
static void create_destroy(const char *name, unsigned long slot,
			   unsigned long size, unsigned runs)
{
	struct bench_stats s = {0};

	for (unsigned run = 0; run < runs; run++) {
		uint64_t t0, t1;
		unsigned long id;

		/* A child that never runs: its memory starts at its entry. */
		child_desc_build(&desc, slot, ARCH_IMAGE_BASE, size, 0, name);
		t0 = bench_now();
		id = create(name);
		destroy(id, name);
		t1 = bench_now();
		stats_add(&s, per_event_tenths((int64_t)(t1 - t0), 1000));
	}
	bench_report(name, "us", &s, 1);
}

void test_main(void)
{
	bench_init();
	invoke_yield();
	create_destroy("vm_create_destroy_1m", SLOT_SMALL, MiB_, SMALL_RUNS);
	create_destroy("vm_create_destroy_16m", SLOT_BIG, 16 * MiB_, BIG_RUNS);
	test_pass();
}
