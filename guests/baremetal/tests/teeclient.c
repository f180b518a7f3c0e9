/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The client of the small trusted OS (tests/trustos.c, docs/tee.md): calls
 * into its TEE over SMC and checks the answers, then has it misbehave, one
 * way after the other: read another TEE's memory, another VM's, the
 * hypervisor's, and never return. Each time the hypervisor must stop the
 * TEE, the call and the next one must fail (not hang), and HC_TEE_RESTART
 * must bring it back from its image (its count of calls starts again);
 * restarting a running TEE must be refused (HS_BUSY).
 *
 * boot_arg: the number of rounds of all that (0: forever), or with
 * TEECLIENT_NEIGHBOUR set, a well-behaved client that calls its TEE every
 * 100 ms forever and reports every 50 answers.
 *
 * The addresses read are physical addresses of others in the layout of
 * configs/tee-trustos.h; its trusted OS has its own memory at 0x50000000
 * and its client's (at 0x48000000), nothing else.
 */
#include <guest.h>

GUEST_TEST("teeclient");

#if defined(__aarch64__)
#include <arch/arm.h>
#include <guest/trustos.h>

#define TEECLIENT_NEIGHBOUR (1ul << 32)
#define OTHER_TEE_PA	    0x7a000000ul /* the neighbour's trusted OS */
#define OTHER_VM_PA	    0x7c000000ul /* the neighbour client */
#define HYPERVISOR_PA	    0x40000000ul /* the hypervisor's image */
#define TICK_US		    10000ul	 /* the client's own timer, meanwhile */
#define NEIGHBOUR_TICKS	    10		 /* a call every 100 ms */
#define ARRAY_SIZE(a)	    (sizeof(a) / sizeof((a)[0]))

struct misbehaviour {
	const char *what;
	unsigned long how, addr;
};

static const struct misbehaviour misbehaviours[] = {
    {"read another TEE's memory", TOS_BAD_READ, OTHER_TEE_PA},
    {"read another VM's memory", TOS_BAD_READ, OTHER_VM_PA},
    {"read the hypervisor's memory", TOS_BAD_READ, HYPERVISOR_PA},
    {"never return", TOS_BAD_SPIN, 0},
};

/* OP-TEE's status is 32 bits; the dispatcher's failure is all ones. */
static bool failed(struct hc_ret r)
{
	return (uint32_t)r.status == TOS_UNKNOWN_FUNCTION;
}

static void expect(bool ok, const char *what, struct hc_ret r)
{
	if (!ok)
		guest_fail("%s: x0..x3 0x%lx 0x%lx 0x%lx 0x%lx", what,
			   (unsigned long)r.status, r.r1, r.r2, r.r3);
}

/* An echo must come back from the TEE; returns its count of calls. */
static unsigned long echo(unsigned long fid, unsigned long value)
{
	struct hc_ret r = smccc_smc(fid, value, ~value, 0, 0, 0);

	expect(r.status == TOS_OK && r.r1 == value && r.r2 == ~value, "echo",
	       r);
	return r.r3;
}

static void check_calls(void)
{
	struct hc_ret uid = smccc_smc(TOS_CALLS_UID, 0, 0, 0, 0, 0);
	struct hc_ret rev = smccc_smc(TOS_CALLS_REVISION, 0, 0, 0, 0, 0);
	struct hc_ret unknown = smccc_smc(TOS_ECHO_FAST + 1, 0, 0, 0, 0, 0);
	unsigned long fast, yield;

	expect((unsigned long)uid.status == TOS_UID0 && uid.r1 == TOS_UID1 &&
		   uid.r2 == TOS_UID2 && uid.r3 == TOS_UID3,
	       "CALLS_UID", uid);
	expect((unsigned long)rev.status == TOS_REVISION_MAJOR &&
		   rev.r1 == TOS_REVISION_MINOR,
	       "CALLS_REVISION", rev);
	expect((unsigned long)unknown.status == TOS_UNKNOWN_FUNCTION,
	       "an unknown function", unknown);
	fast = echo(TOS_ECHO_FAST, 0x1234);
	yield = echo(TOS_ECHO_YIELD, 0x5678);
	expect(yield == fast + 1, "echo count", (struct hc_ret){0});
	test_print("calls answered: UID %08lx-..., revision %lu.%lu, fast and "
		   "yielding echo (call %lu)",
		   (unsigned long)uid.status, (unsigned long)rev.status, rev.r1,
		   yield);
}

static void misbehave(unsigned round, const struct misbehaviour *m)
{
	struct hc_ret r;
	uint64_t t0 = time_us();

	test_print("round %u: telling the TEE to %s", round, m->what);
	r = smccc_smc(TOS_MISBEHAVE, m->how, m->addr, 0, 0, 0);
	expect(failed(r), "the call survived", r);
	test_print("round %u: the call failed after %lu ms", round,
		   (unsigned long)(time_us() - t0) / 1000);
	r = smccc_smc(TOS_ECHO_FAST, 1, 2, 0, 0, 0);
	expect(failed(r), "a call to the stopped TEE", r);
	r = hc_call(HC_TEE_RESTART, 0, 0, 0, 0, 0);
	expect(r.status == HS_OK, "HC_TEE_RESTART", r);
	/* Its first call since the restart: from its image again. */
	if (echo(TOS_ECHO_FAST, round) != 1)
		guest_fail("the restarted TEE remembers earlier calls");
	test_print("round %u: restarted, calls answered again", round);
}

static _Noreturn void neighbour(void)
{
	for (unsigned long n = 1;; n++) {
		unsigned long until = timer_ticks() + NEIGHBOUR_TICKS;

		echo(n % 2 ? TOS_ECHO_FAST : TOS_ECHO_YIELD, n);
		if (n % 50 == 0)
			test_print("%lu calls answered", n);
		while (timer_ticks() < until)
			cpu_idle();
	}
}

void test_main(void)
{
	unsigned rounds = (unsigned)guest_boot_arg;
	struct hc_ret busy;

	/* Its timer interrupts keep arriving while its TEE runs. */
	timer_start_periodic(TICK_US, NULL);
	check_calls();
	if (guest_boot_arg & TEECLIENT_NEIGHBOUR)
		neighbour();
	for (unsigned round = 1; !rounds || round <= rounds; round++) {
		for (unsigned i = 0; i < ARRAY_SIZE(misbehaviours); i++)
			misbehave(round, &misbehaviours[i]);
		busy = hc_call(HC_TEE_RESTART, 0, 0, 0, 0, 0);
		expect(busy.status == HS_BUSY, "restarting a running TEE",
		       busy);
		test_print("round %u passed", round);
	}
	test_pass();
}

#else
void test_main(void)
{
	test_print("no TEE dispatcher on this architecture yet");
}
#endif
