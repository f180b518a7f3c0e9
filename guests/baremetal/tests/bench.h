/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the benchmark programs (tests/bench_*.c) share: a clock that reads
 * in instructions, statistics over runs, the BENCH result line, and the few
 * architecture-specific pieces a figure needs (instruction-exact loops in
 * assembly, an emulated device register, the first-instruction stamp).
 * Each benchmark program is its own image, so everything here is static.
 *
 * Units. Under QEMU's -icount shift=0, virtual time advances 1 ns per
 * executed instruction (of every CPU: QEMU then runs all of them in turns
 * on one thread), so a clock reading in ns is an instruction count. The
 * architectural counter (CNTVCT_EL0, 62.5 MHz on QEMU virt: 16 ns a tick;
 * the time CSR at 10 MHz on RISC-V: 100 ns) is too coarse for one event;
 * on Arm the PMU cycle counter, which QEMU derives from the same virtual
 * clock at 1 GHz, gives single instructions. It is tied to the counter's
 * timeline exactly once at start (bench_init) and checked against it
 * before every figure is reported; without it (no PMU, or a mismatch) the
 * counter is used, and per-event figures rely on batches of events.
 *
 * The result line, one per figure (values with one decimal):
 *   BENCH name=<figure> arch=<armv8|riscv> env=<tessera|native>
 *         unit=<unit> runs=<n> batch=<events per run> min=<v> median=<v>
 *         max=<v> clock=<pmccntr|counter> res=<ns per clock unit>
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdatomic.h>

#include <guest.h>
#include <guest/arch_if.h>

#define BENCH_MAX_RUNS 256
/* Not every program uses every helper. */
#define BENCH_FN static __attribute__((unused))
#define NS_PER_S 1000000000ull

struct bench_stats {
	unsigned runs;
	uint64_t v[BENCH_MAX_RUNS]; /* tenths of the unit */
};

/* ---- the architecture-specific parts ---------------------------------- */

#if defined(__aarch64__)

#define BENCH_ARCH "armv8"
/* An emulated device register: the PL011's flag register (32-bit). */
#define BENCH_MMIO_ADDR 0x09000018ul

/*
 * bench_call_loop(n, fn): n times "x0 = fn; hvc #0" (SMCCC: x0..x17 may
 * change, x19 and x20 may not). bench_nop_loop(n, fn) is the same loop
 * with a NOP in place of the HVC: the difference is what the calls cost.
 * bench_load_loop(n, addr): n 32-bit loads from addr.
 * bench_sync_sample(s): s[0..15] = CNTVCT_EL0 read by 16 consecutive
 * instructions, s[16] = PMCCNTR_EL0 read by the next one.
 */
/* clang-format off */
#define BENCH_CALL_LOOP(name, insn)                             \
	"	.global	" #name "\n"                            \
	"	.type	" #name ", %function\n"                 \
	#name ":\n"                                             \
	"	stp	x19, x20, [sp, #-16]!\n"                \
	"	mov	x19, x0\n"                              \
	"	mov	x20, x1\n"                              \
	"1:	mov	x0, x20\n"                              \
	"	" insn "\n"                                     \
	"	subs	x19, x19, #1\n"                         \
	"	b.ne	1b\n"                                   \
	"	ldp	x19, x20, [sp], #16\n"                  \
	"	ret\n"                                          \
	"	.size	" #name ", . - " #name "\n"

__asm__("	.text\n"
	"	.balign	64\n" BENCH_CALL_LOOP(bench_call_loop, "hvc #0")
	"	.balign	64\n" BENCH_CALL_LOOP(bench_nop_loop, "nop")
	"	.balign	64\n"
	"	.global	bench_load_loop\n"
	"bench_load_loop:\n"
	"1:	ldr	w2, [x1]\n"
	"	subs	x0, x0, #1\n"
	"	b.ne	1b\n"
	"	ret\n"
	"	.balign	64\n"
	"	.global	bench_sync_sample\n"
	"bench_sync_sample:\n"
	"	isb\n"
	"	mrs	x1, cntvct_el0\n"
	"	mrs	x2, cntvct_el0\n"
	"	mrs	x3, cntvct_el0\n"
	"	mrs	x4, cntvct_el0\n"
	"	mrs	x5, cntvct_el0\n"
	"	mrs	x6, cntvct_el0\n"
	"	mrs	x7, cntvct_el0\n"
	"	mrs	x8, cntvct_el0\n"
	"	mrs	x9, cntvct_el0\n"
	"	mrs	x10, cntvct_el0\n"
	"	mrs	x11, cntvct_el0\n"
	"	mrs	x12, cntvct_el0\n"
	"	mrs	x13, cntvct_el0\n"
	"	mrs	x14, cntvct_el0\n"
	"	mrs	x15, cntvct_el0\n"
	"	mrs	x16, cntvct_el0\n"
	"	mrs	x17, pmccntr_el0\n"
	"	stp	x1, x2, [x0]\n"
	"	stp	x3, x4, [x0, #16]\n"
	"	stp	x5, x6, [x0, #32]\n"
	"	stp	x7, x8, [x0, #48]\n"
	"	stp	x9, x10, [x0, #64]\n"
	"	stp	x11, x12, [x0, #80]\n"
	"	stp	x13, x14, [x0, #96]\n"
	"	stp	x15, x16, [x0, #112]\n"
	"	str	x17, [x0, #128]\n"
	"	ret\n");
/* clang-format on */

#define BENCH_SYNC_READS 16
#define BENCH_CALL_FN(n) TESSERA_SMCCC_FN(n)
#define BENCH_FINE_NAME	 "pmccntr"

/*
 * The first instruction of the image, ahead of _start (tests/<name>.o is
 * linked first): the counter goes to TPIDR_EL0, which nothing else uses.
 * x0 (the boot argument) and x20 are left alone for _start.
 */
/* clang-format off */
#define BENCH_BOOT_STAMP()                                      \
	__asm__("	.pushsection .text.boot, \"ax\"\n"      \
		"	.global	bench_first_insn\n"             \
		"bench_first_insn:\n"                           \
		"	mrs	x9, cntvct_el0\n"               \
		"	msr	tpidr_el0, x9\n"                \
		"	b	_start\n"                       \
		"	.popsection\n")
/* clang-format on */

static inline uint64_t bench_boot_ticks(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(v));
	return v;
}

static inline uint64_t fine_now(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, pmccntr_el0" : "=r"(v) : : "memory");
	return v;
}

/*
 * The cycle counter, counting at EL0, EL1 and EL2 (PMCCFILTR_EL0.NSH):
 * under a hypervisor the guest's lost time is spent at EL2. False if the
 * CPU has no PMU. A hypervisor that traps the PMU stops the VM here.
 */
BENCH_FN bool fine_start(void)
{
	uint64_t dfr0, pmcr;

	__asm__ volatile("mrs %0, id_aa64dfr0_el1" : "=r"(dfr0));
	if (((dfr0 >> 8) & 0xf) == 0 || ((dfr0 >> 8) & 0xf) == 0xf)
		return false;
	__asm__ volatile("mrs %0, pmcr_el0" : "=r"(pmcr));
	__asm__ volatile("msr pmccfiltr_el0, %0" : : "r"(1ul << 27));
	/* E (enable), C (reset the cycle counter), LC (64-bit overflow). */
	__asm__ volatile("msr pmcr_el0, %0" : : "r"(pmcr | 1 | 4 | 64));
	__asm__ volatile("msr pmcntenset_el0, %0" : : "r"(1ul << 31));
	__asm__ volatile("isb" : : : "memory");
	return true;
}

#elif defined(__riscv)

#define BENCH_ARCH	"riscv"
/* An emulated device register: the NS16550A's line status (8-bit). */
#define BENCH_MMIO_ADDR 0x10000005ul

/*
 * bench_call_loop(n, fn): n Tessera calls (a7 = the extension, a6 = fn;
 * a0..a3 come back changed, SBI keeps the rest); bench_nop_loop: the
 * same with a NOP for the ECALL. bench_load_loop(n, addr): n byte loads.
 */
/* clang-format off */
#define BENCH_CALL_LOOP(name, insn)                             \
	"	.global	" #name "\n"                            \
	"	.type	" #name ", %function\n"                 \
	#name ":\n"                                             \
	"	addi	sp, sp, -16\n"                          \
	"	sd	s0, 0(sp)\n"                            \
	"	sd	s1, 8(sp)\n"                            \
	"	mv	s0, a0\n"                               \
	"	mv	s1, a1\n"                               \
	"1:	li	a7, 0x0a545352\n"                       \
	"	mv	a6, s1\n"                               \
	"	" insn "\n"                                     \
	"	addi	s0, s0, -1\n"                           \
	"	bnez	s0, 1b\n"                               \
	"	ld	s0, 0(sp)\n"                            \
	"	ld	s1, 8(sp)\n"                            \
	"	addi	sp, sp, 16\n"                           \
	"	ret\n"                                          \
	"	.size	" #name ", . - " #name "\n"

__asm__("	.text\n"
	"	.balign	64\n" BENCH_CALL_LOOP(bench_call_loop, "ecall")
	"	.balign	64\n" BENCH_CALL_LOOP(bench_nop_loop, "nop")
	"	.balign	64\n"
	"	.global	bench_load_loop\n"
	"bench_load_loop:\n"
	"1:	lbu	t0, 0(a1)\n"
	"	addi	a0, a0, -1\n"
	"	bnez	a0, 1b\n"
	"	ret\n");
/* clang-format on */

#define BENCH_CALL_FN(n) ((unsigned long)(n))
#define BENCH_FINE_NAME	 "none"

/* The first instruction: the time CSR to sscratch, which nothing uses. */
/* clang-format off */
#define BENCH_BOOT_STAMP()                                      \
	__asm__("	.pushsection .text.boot, \"ax\"\n"      \
		"	.global	bench_first_insn\n"             \
		"bench_first_insn:\n"                           \
		"	rdtime	t0\n"                           \
		"	csrw	sscratch, t0\n"                 \
		"	j	_start\n"                       \
		"	.popsection\n")
/* clang-format on */

static inline uint64_t bench_boot_ticks(void)
{
	uint64_t v;

	__asm__ volatile("csrr %0, sscratch" : "=r"(v));
	return v;
}

/*
 * No fine clock yet: the cycle CSR needs hcounteren under a hypervisor and
 * is not on the time CSR's timeline under -icount once idle time is
 * skipped. Per-event figures come from batches; the timer's is coarse.
 */
#define BENCH_SYNC_READS 0
static inline uint64_t fine_now(void)
{
	return 0;
}
static inline bool fine_start(void)
{
	return false;
}

static inline void bench_sync_sample(uint64_t *s)
{
	(void)s;
}

#else
#error "no benchmark support for this architecture"
#endif

void bench_call_loop(unsigned long n, unsigned long fn);
void bench_nop_loop(unsigned long n, unsigned long fn);
void bench_load_loop(unsigned long n, uintptr_t addr);
#if BENCH_SYNC_READS
void bench_sync_sample(uint64_t *s);
#endif

/* ---- the clock -------------------------------------------------------- */

static struct {
	bool fine;	 /* the fine clock is in use */
	int64_t offset;	 /* counter-timeline ns = fine reading + offset */
	uint64_t tick;	 /* ns per counter tick */
	const char *env; /* "tessera" or "native" */
} bench __attribute__((unused));

static inline uint64_t ticks_to_ns(uint64_t t)
{
	uint64_t f = arch_timer_freq();

	return t / f * NS_PER_S + t % f * NS_PER_S / f;
}

/* Now, in ns of the counter's timeline (instructions under shift=0). */
static inline uint64_t bench_now(void)
{
	if (bench.fine)
		return fine_now() + (uint64_t)bench.offset;
	return ticks_to_ns(arch_timer_now());
}

#if BENCH_SYNC_READS
/*
 * Where the fine clock sits on the counter's timeline, exactly: of 16
 * counter reads one instruction apart, the first to show a new value was
 * executed exactly at a tick boundary (none changing: the first read was).
 */
BENCH_FN bool fine_offset(int64_t *offset)
{
	uint64_t s[BENCH_SYNC_READS + 1];
	uint64_t at0;
	unsigned i;

	bench_sync_sample(s);
	for (i = 1; i < BENCH_SYNC_READS && s[i] == s[0]; i++)
		;
	if (i < BENCH_SYNC_READS && s[i] != s[0] + 1)
		return false;
	at0 = i < BENCH_SYNC_READS ? s[i] * bench.tick - i : s[0] * bench.tick;
	*offset = (int64_t)(at0 + BENCH_SYNC_READS - s[BENCH_SYNC_READS]);
	return true;
}
#else
BENCH_FN bool fine_offset(int64_t *offset)
{
	*offset = 0;
	return false;
}
#endif

/*
 * The fine clock is trusted if it agrees with itself twice, before and
 * after a stretch that includes hypercalls (time at EL2, or in firmware).
 */
BENCH_FN bool fine_check(void)
{
	int64_t a, b;

	if (!fine_offset(&a))
		return false;
	bench_call_loop(16, BENCH_CALL_FN(HC_NULL));
	for (volatile unsigned i = 0; i < 5000; i++)
		;
	if (!fine_offset(&b))
		return false;
	return a == b;
}

BENCH_FN void bench_init(void)
{
	struct hc_ret info = hc_call(HC_VM_INFO, 0, 0, 0, 0, 0);
	uint64_t f = arch_timer_freq();

	bench.env = info.status == HS_OK ? "tessera" : "native";
	bench.tick = NS_PER_S / f;
	if (NS_PER_S % f || bench.tick > BENCH_SYNC_READS || !fine_start() ||
	    !fine_check()) {
		bench.fine = false;
	} else {
		fine_offset(&bench.offset);
		bench.fine = true;
	}
	/* NOLINTNEXTLINE(bugprone-branch-clone): the same on RISC-V */
	const char *fine = bench.fine ? BENCH_FINE_NAME : "none";

	test_print("clock: counter %lu Hz (%lu ns a tick), fine clock %s, %s",
		   (unsigned long)f, (unsigned long)bench.tick, fine,
		   bench.env);
}

/*
 * Sleeps until *count is want or *watchdog is set (by a timer the caller
 * armed); false on the watchdog. Interrupts are masked around the check so
 * none slips in between it and the WFI, which wakes for a pending interrupt
 * even when masked.
 */
BENCH_FN bool bench_sleep_until(atomic_uint *count, unsigned want,
				volatile bool *watchdog)
{
	irq_mask();
	while (atomic_load(count) != want && !*watchdog) {
		cpu_idle();
		irq_unmask();
		irq_mask();
	}
	irq_unmask();
	return atomic_load(count) == want;
}

/* ---- statistics and the result line ----------------------------------- */

BENCH_FN void sort_u64(uint64_t *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++) {
		uint64_t x = v[i];
		unsigned j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

BENCH_FN void stats_add(struct bench_stats *s, uint64_t tenths)
{
	if (s->runs < BENCH_MAX_RUNS)
		s->v[s->runs++] = tenths;
}

/* total / count in tenths, rounded; a negative total (noise) counts 0. */
BENCH_FN uint64_t per_event_tenths(int64_t total, unsigned count)
{
	if (total <= 0)
		return 0;
	return ((uint64_t)total * 10 + count / 2) / count;
}

BENCH_FN void bench_report(const char *name, const char *unit,
			   struct bench_stats *s, unsigned batch)
{
	uint64_t min, med, max;

	if (!s->runs)
		guest_fail("%s: no runs", name);
	/* A clock that slipped would make every figure wrong: check it. */
	if (bench.fine) {
		int64_t now;

		if (!fine_offset(&now) || now != bench.offset)
			guest_fail("%s: the fine clock slipped (%ld -> %ld ns)",
				   name, (long)bench.offset, (long)now);
	}
	sort_u64(s->v, s->runs);
	min = s->v[0];
	med = s->v[s->runs / 2];
	max = s->v[s->runs - 1];
	test_print("BENCH name=%s arch=%s env=%s unit=%s runs=%u batch=%u "
		   "min=%lu.%lu median=%lu.%lu max=%lu.%lu clock=%s res=%lu",
		   name, BENCH_ARCH, bench.env, unit, s->runs, batch,
		   (unsigned long)(min / 10), (unsigned long)(min % 10),
		   (unsigned long)(med / 10), (unsigned long)(med % 10),
		   (unsigned long)(max / 10), (unsigned long)(max % 10),
		   bench.fine ? BENCH_FINE_NAME : "counter",
		   bench.fine ? 1ul : (unsigned long)bench.tick);
}

#endif
