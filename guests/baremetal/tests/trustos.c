/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small trusted OS of our own, for a TEE VM (docs/tee.md). It talks to
 * the dispatcher exactly as Debian's OP-TEE does: its cold boot ends with
 * ENTRY_DONE and its vector table (TF-A's optee_vectors_t layout); every
 * later entry comes through that table with the client's x0..x7 and ends
 * with the matching return call, a call's results in x1..x4 of CALL_DONE
 * (the client's x0..x3). It answers OP-TEE's SMC ABI UID and revision calls
 * (with a UID of its own: it does not speak OP-TEE's message protocol), an
 * echo of ours as a fast and as a yielding call, and on command it
 * misbehaves: reads memory it was never given, or never returns. The
 * hypervisor must stop it then, and its client's call must fail.
 *
 * It runs with every interrupt masked (it has none of its own), so a client
 * interrupt during a call never makes it yield: a call ends when it ends,
 * or the dispatcher's bound on one entry ends it. It serves one vCPU: its
 * configurations give its client one.
 */
#include <guest.h>

GUEST_TEST("trustos");

#if defined(__aarch64__)
#include <guest/trustos.h>
#include <tessera/trusted_os.h>

/* The dispatcher's return calls (TEESMC_OPTEED_RV(n)). */
#define RET_ENTRY_DONE 0xbe000000ul

/* The entry point is the image's first byte: a branch over the header. */
__asm__(".pushsection .text.header, \"ax\"\n"
	"	b	_start\n"
	"	.ascii	\"" TESSERA_TOS_MAGIC "\"\n"
	".popsection");

/* Referenced from the vector code only. */
static uint8_t call_stack[4096] __attribute__((aligned(16), used));

/*
 * The vector table. A call runs tos_call(regs) on a fresh stack with the
 * client's x0..x7 in regs[0..7]; regs[0..3] come back as x1..x4 of
 * CALL_DONE. The other entries have nothing to do but return.
 */
__asm__(".pushsection .text\n"
	"	.balign	8\n"
	"tos_vectors:\n"
	"	b	tos_call_entry		/* 0x00 yielding call */\n"
	"	b	tos_call_entry		/* 0x04 fast call */\n"
	"	b	tos_on_entry		/* 0x08 cpu_on */\n"
	"	b	tos_off_entry		/* 0x0c cpu_off */\n"
	"	udf	#0			/* 0x10 cpu_resume: never */\n"
	"	udf	#0			/* 0x14 cpu_suspend: never */\n"
	"	b	tos_fiq_entry		/* 0x18 fiq */\n"
	"	b	tos_system_off_entry	/* 0x1c system_off */\n"
	"	b	tos_system_reset_entry	/* 0x20 system_reset */\n"
	"tos_call_entry:\n"
	"	ldr	x9, =call_stack + 4096\n"
	"	sub	sp, x9, #64\n"
	"	stp	x0, x1, [sp]\n"
	"	stp	x2, x3, [sp, #16]\n"
	"	stp	x4, x5, [sp, #32]\n"
	"	stp	x6, x7, [sp, #48]\n"
	"	mov	x0, sp\n"
	"	bl	tos_call\n"
	"	ldp	x1, x2, [sp]\n"
	"	ldp	x3, x4, [sp, #16]\n"
	"	ldr	x0, =0xbe000005		/* CALL_DONE */\n"
	"	smc	#0\n"
	"tos_on_entry:\n"
	"	mov	x1, #0\n"
	"	ldr	x0, =0xbe000001		/* ON_DONE, success */\n"
	"	smc	#0\n"
	"tos_off_entry:\n"
	"	mov	x1, #0\n"
	"	ldr	x0, =0xbe000002		/* OFF_DONE, success */\n"
	"	smc	#0\n"
	"tos_fiq_entry:\n"
	"	ldr	x0, =0xbe000006		/* FIQ_DONE */\n"
	"	smc	#0\n"
	"tos_system_off_entry:\n"
	"	ldr	x0, =0xbe000007		/* SYSTEM_OFF_DONE */\n"
	"	smc	#0\n"
	"tos_system_reset_entry:\n"
	"	ldr	x0, =0xbe000008		/* SYSTEM_RESET_DONE */\n"
	"	smc	#0\n"
	"	.ltorg\n"
	".popsection");

extern const uint32_t tos_vectors[];
void tos_call(uint64_t regs[8]);

/* Calls served since this boot: a restarted trusted OS starts again at 0. */
static unsigned long served;

static void misbehave(unsigned long how, unsigned long addr, uint64_t regs[8])
{
	switch (how) {
	case TOS_BAD_READ:
		test_print("told to read 0x%lx", addr);
		regs[1] = *(volatile unsigned long *)addr;
		test_print("read 0x%lx: survived", addr);
		regs[0] = TOS_OK;
		return;
	case TOS_BAD_SPIN:
		test_print("told to spin: never returning");
		for (;;)
			__asm__ volatile("" ::: "memory");
	default:
		regs[0] = TOS_UNKNOWN_FUNCTION;
	}
}

void tos_call(uint64_t regs[8])
{
	unsigned long fid = regs[0];

	served++;
	switch (fid) {
	case TOS_CALLS_UID:
		regs[0] = TOS_UID0;
		regs[1] = TOS_UID1;
		regs[2] = TOS_UID2;
		regs[3] = TOS_UID3;
		break;
	case TOS_CALLS_REVISION:
		regs[0] = TOS_REVISION_MAJOR;
		regs[1] = TOS_REVISION_MINOR;
		break;
	case TOS_ECHO_FAST:
	case TOS_ECHO_YIELD:
		regs[0] = TOS_OK;
		regs[3] = served;
		break;
	case TOS_MISBEHAVE:
		misbehave(regs[1], regs[2], regs);
		break;
	default:
		regs[0] = TOS_UNKNOWN_FUNCTION;
	}
}

/* Cold boot: tell the dispatcher where the vector table is. */
static void entry_done(unsigned long vectors)
{
	register unsigned long x0 __asm__("x0") = RET_ENTRY_DONE;
	register unsigned long x1 __asm__("x1") = vectors;

	__asm__ volatile("msr daifset, #0xf\n\tsmc #0" : : "r"(x0), "r"(x1));
}

void test_main(void)
{
	test_print("booted, vector table at 0x%lx", (unsigned long)tos_vectors);
	entry_done((unsigned long)tos_vectors);
	guest_fail("ENTRY_DONE returned");
}

#else
void test_main(void)
{
	test_print("no TEE dispatcher on this architecture yet");
}
#endif
