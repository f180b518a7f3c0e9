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
 * - calls to a TEE (SMCCC trusted application and trusted OS owners 48..63,
 *   FF-A) when none is bound to it, through HVC and SMC.
 *
 * Every one must be refused with an error status and change nothing: the
 * VM goes on, and so do the neighbour and its children.
 */
#include <guest.h>
#include <arch/hostile.h>

#ifdef HOSTILE_UNSUPPORTED
HOSTILE_NOT_PORTED("attack_calls")
#else

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

/* Firmware calls for a TEE: SMCCC must answer NOT_SUPPORTED. */
static void tee_calls(void)
{
	static const uint32_t fns[] = {0, 1, 2, 3, 0xff00, 0xff01, 0xff03};

	for (unsigned owner = 48; owner < 64; owner++)
		for (unsigned i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
			for (unsigned k = 0; k < 2 * HOSTILE_CONDUITS; k++) {
				struct hostile_call call = {{0}};
				uint32_t id = SMCCC_FAST | owner << 24 |
					      (k & 1 ? SMCCC_64 : 0) | fns[i];

				call.r[0] = id;
				hostile_call(k / 2, &call);
				calls++;
				tee_refusals++;
				if ((int32_t)call.r[0] != SMCCC_NOT_SUPPORTED)
					guest_fail("TEE call 0x%x through %s "
						   "answered %ld",
						   id,
						   hostile_conduit_names[k / 2],
						   (long)call.r[0]);
			}
	/* FF-A, the other way to a secure partition: 0x84000060... */
	for (uint32_t fn = 0x60; fn < 0x90; fn++) {
		struct hostile_call call = {{0}};

		call.r[0] = PSCI_ID(fn) | (fn & 1 ? SMCCC_64 : 0);
		hostile_call(0, &call);
		calls++;
		tee_refusals++;
		if ((int32_t)call.r[0] != SMCCC_NOT_SUPPORTED)
			guest_fail("FF-A call 0x%x answered %ld", PSCI_ID(fn),
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

#endif /* HOSTILE_UNSUPPORTED */
