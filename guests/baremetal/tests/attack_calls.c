/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Calls on things the VM does not have (the isolation catalogue of issue
 * 13), for ATTACK_SECONDS while another VM creates, runs and destroys
 * children of its own next to it:
 *
 * - HC_VM_INVOKE, HC_VM_DESTROY and HC_VM_MEASURE on child ids that are
 *   not its children: every slot 0..15 in generations 0..63 (which covers
 *   the neighbour's children's ids), then random generations, small
 *   numbers, HC_SELF and all-ones;
 * - HC_VM_YIELD with no parent to yield to;
 * - HC_IPC_NOTIFY on shared-memory links 0..20 it is not on;
 * - calls to a TEE when none is bound to it (Arm: SMCCC trusted
 *   application and trusted OS owners 48..63 and FF-A, through HVC and SMC;
 *   RISC-V: the CoVE extensions and the vendor and firmware ranges).
 *
 * Every one must be refused with an error status and change nothing: the
 * VM goes on, and so do the neighbour and its children.
 */
#include <guest.h>
#include <arch/hostile.h>

GUEST_TEST("attack_calls");

#ifndef ATTACK_SECONDS
#define ATTACK_SECONDS 10
#endif
#define SLOTS	    16 /* MAX_VMS: the low 8 bits of a child id */
#define GENERATIONS 64

static unsigned long calls, tee_refusals, refusals[8];

static unsigned long hostile_arg(struct hrng *r)
{
	return hrng_next(r);
}

/* A Tessera call that must fail with a documented status. */
static void refused(const char *name, unsigned fn, unsigned long a1,
		    unsigned long a2)
{
	struct hc_ret r = hc_call(fn, a1, a2, 0, 0, 0);

	calls++;
	if (r.status >= 0 || r.status < HS_BAD_DESC)
		guest_fail("%s(0x%lx, 0x%lx) answered %ld", name, a1, a2,
			   r.status);
	refusals[-r.status]++;
}

static void child_ids(unsigned long id)
{
	refused("HC_VM_INVOKE", HC_VM_INVOKE, id, 0);
	refused("HC_VM_DESTROY", HC_VM_DESTROY, id, 0);
	refused("HC_VM_MEASURE", HC_VM_MEASURE, id, 0);
}

/* Calls meant for a TEE (<arch/hostile.h>): none is bound to the VM. */
static void tee_calls(void)
{
	for (unsigned k = 0; k < HOSTILE_TEE_CALLS; k++) {
		struct hostile_call call = {{0}}, in;
		unsigned conduit = hostile_tee_call(k, &call);

		in = call;
		hostile_call(conduit, &call);
		calls++;
		tee_refusals++;
		if (!hostile_tee_refused(&call))
			guest_fail("TEE call %u (r0 0x%lx, r7 0x%lx) through "
				   "%s answered %ld",
				   k, in.r[0], in.r[7],
				   hostile_conduit_names[conduit],
				   (long)call.r[0]);
	}
}

static void round_of_calls(struct hrng *r)
{
	for (unsigned long gen = 0; gen < GENERATIONS; gen++)
		for (unsigned long slot = 0; slot < SLOTS; slot++)
			child_ids(gen << 8 | slot);
	for (unsigned i = 0; i < 256; i++)
		child_ids((hrng_next(r) & 0xffffff) << 8 |
			  hrng_below(r, SLOTS));
	for (unsigned long id = 0; id <= 20; id++)
		child_ids(id);
	child_ids(~0ul - 1);
	child_ids(1ul << 63);
	refused("HC_VM_MEASURE", HC_VM_MEASURE, HC_SELF, 0);
	refused("HC_VM_YIELD", HC_VM_YIELD, 0, 0);
	refused("HC_VM_YIELD", HC_VM_YIELD, hrng_next(r), 0);
	for (unsigned long i = 0; i <= 20; i++)
		refused("HC_IPC_NOTIFY", HC_IPC_NOTIFY, i, 0);
	refused("HC_IPC_NOTIFY", HC_IPC_NOTIFY, ~0ul, 0);
	tee_calls();
}

void test_main(void)
{
	struct hrng r;
	uint64_t start = time_us(), next = start;

	hrng_seed(&r, 0xca11);
	test_print("calling on what we do not have for %u s", ATTACK_SECONDS);
	for (unsigned n = 1;; n++) {
		uint64_t now;

		round_of_calls(&r);
		now = time_us();
		if (now < next && now < start + ATTACK_SECONDS * 1000000ul)
			continue;
		test_print("%u rounds, %lu calls, all refused: not found %lu, "
			   "denied %lu, not supported %lu, TEE calls not "
			   "supported %lu",
			   n, calls, refusals[-HS_NOT_FOUND],
			   refusals[-HS_DENIED], refusals[-HS_NOT_SUPPORTED],
			   tee_refusals);
		if (now >= start + ATTACK_SECONDS * 1000000ul)
			break;
		next = now + 1000000;
	}
	test_pass();
}
