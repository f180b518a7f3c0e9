/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The RISC-V half of the hostile test programs (see <guest/hostile.h>):
 *
 * - raw ECALLs with a0..a7, t0..t6 and s2..s4 loaded and read back, so a
 *   call's effect on every register is visible;
 * - the SBI call space: every extension id the specification names (legacy,
 *   base, TIME, IPI, RFENCE, HSM, SRST, PMU, DBCN, SUSP, CPPC, NACL, STA),
 *   the experimental, vendor and firmware ranges, Tessera's own extension,
 *   the ids around each, and what SBI 2.0 promises about the answers;
 *   never SRST, the legacy shutdown, HSM hart_stop or a non-retentive
 *   suspend that would end the caller;
 * - raw device accesses of 1, 2, 4 and 8 bytes, zero- and sign-extending,
 *   into x0, and 4-byte ones also in compressed form (C.LW, C.SW);
 * - the VM's emulated windows (the PLIC's priorities and pending bits, its
 *   enables, its contexts; the NS16550), the widths Tessera's models take
 *   there, and what the program keeps for itself (LCR.DLAB and MCR.LOOP
 *   clear, its console's characters);
 * - IPIs through SBI with random hart masks;
 * - for tests/attack_irq.c, the PLIC writes and the IPIs an interrupt and
 *   harts the VM does not own would take.
 *
 * RV64 has no 32-bit registers: HOW_READ_SX32 is the same sign-extending
 * load as HOW_READ_SX64. Only hostile programs include this header.
 */
#ifndef ARCH_HOSTILE_H
#define ARCH_HOSTILE_H

#include <guest.h>
/* What a sign-extending load into a 32-bit register keeps (guest/hostile.h). */
#define HOSTILE_SX32_MASK (~0ul)
#include <guest/hostile.h>

#include <arch/mmio.h>
#include <arch/riscv.h>

/* Provided by the test program: see arch/armv8/include/arch/hostile.h. */
static unsigned long hostile_arg(struct hrng *r);

/* ---- raw calls ---- */

/* r0..r7 = a0..a7, r8..r14 = t0..t6, r15..r17 = s2..s4. */
#define HOSTILE_CALL_REGS 18
/* A call is described by a0..a7: arguments, function (a6), extension (a7). */
#define HOSTILE_SHOWN_REGS 8
#define HOSTILE_CONDUITS   1
HOSTILE_TABLE char *const hostile_conduit_names[HOSTILE_CONDUITS] = {"ecall"};

#define HOSTILE_RV_REGS(op)                                                 \
	op " a0, 0(%0)\n\t" op " a1, 8(%0)\n\t" op " a2, 16(%0)\n\t" op     \
	   " a3, 24(%0)\n\t" op " a4, 32(%0)\n\t" op " a5, 40(%0)\n\t" op   \
	   " a6, 48(%0)\n\t" op " a7, 56(%0)\n\t" op " t0, 64(%0)\n\t" op   \
	   " t1, 72(%0)\n\t" op " t2, 80(%0)\n\t" op " t3, 88(%0)\n\t" op   \
	   " t4, 96(%0)\n\t" op " t5, 104(%0)\n\t" op " t6, 112(%0)\n\t" op \
	   " s2, 120(%0)\n\t" op " s3, 128(%0)\n\t" op " s4, 136(%0)\n\t"

/* The record's address waits on the stack: no register is trusted across. */
static inline void hostile_raw_ecall(struct hostile_call *c)
{
	__asm__ volatile("addi sp, sp, -16\n\t"
			 "sd %0, 0(sp)\n\t" HOSTILE_RV_REGS(
			     "ld") "ecall\n\t"
				   "ld %0, 0(sp)\n\t"
				   "addi sp, sp, 16\n\t" HOSTILE_RV_REGS("sd")
			 : "+r"(c)
			 :
			 : "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "t0",
			   "t1", "t2", "t3", "t4", "t5", "t6", "s2", "s3", "s4",
			   "memory");
}

#define SBI_EXT_LEGACY_SET_TIMER  0x00ul
#define SBI_EXT_LEGACY_PUTCHAR	  0x01ul
#define SBI_EXT_LEGACY_GETCHAR	  0x02ul
#define SBI_EXT_LEGACY_END	  0x10ul
#define SBI_EXT_RFENCE		  0x52464e43ul
#define SBI_EXT_PMU		  0x504d55ul
#define SBI_EXT_DBCN		  0x4442434eul
#define SBI_EXT_SUSP		  0x53555350ul
#define SBI_EXT_CPPC		  0x43505043ul
#define SBI_EXT_NACL		  0x4e41434cul
#define SBI_EXT_STA		  0x535441ul
#define SBI_HSM_HART_STOP	  1
#define SBI_HSM_HART_SUSPEND	  3
#define SBI_ERR_INVALID_ADDRESS	  (-5)
#define SBI_ERR_ALREADY_AVAILABLE (-6)
#define SBI_SPEC_2_0		  (2ul << 24)
#define HSM_SUSPEND_NON_RETENTIVE 0x80000000ul

/*
 * A set_timer, however wild, moves the caller's own timer: it is made with
 * interrupts masked, and the timer the program armed is set again after it.
 */
static inline void hostile_call(unsigned conduit, struct hostile_call *c)
{
	unsigned long ext = c->r[7], flags;

	(void)conduit;
	if (ext != SBI_EXT_TIME && ext != SBI_EXT_LEGACY_SET_TIMER) {
		hostile_raw_ecall(c);
		return;
	}
	flags = irq_save();
	hostile_raw_ecall(c);
	timer_rearm();
	irq_restore(flags);
}

/*
 * SBI: every register but a0 and a1 is preserved (legacy calls: but a0);
 * Tessera's calls return a0..a4 (HC_VM_MEASURE needs four values).
 * Returns the first register that changed, or 0.
 */
static inline unsigned hostile_call_clobbered(const struct hostile_call *in,
					      const struct hostile_call *out)
{
	unsigned long ext = in->r[7];
	unsigned first = ext == TESSERA_SBI_EXT	    ? 5
			 : ext < SBI_EXT_LEGACY_END ? 1
						    : 2;

	for (unsigned i = first; i < HOSTILE_CALL_REGS; i++)
		if (in->r[i] != out->r[i])
			return i;
	return 0;
}

/* ---- Tessera's calls: a7 = TESSERA_SBI_EXT, a6 = n, arguments a0..a4 ---- */

#define HOSTILE_HC_ARGS 5

static inline void hostile_hc_setup(struct hostile_call *c, unsigned n,
				    const unsigned long args[HOSTILE_HC_ARGS])
{
	c->r[7] = TESSERA_SBI_EXT;
	c->r[6] = n;
	for (unsigned i = 0; i < HOSTILE_HC_ARGS; i++)
		c->r[i] = args[i];
}

static inline long hostile_hc_status(const struct hostile_call *c)
{
	return (long)c->r[0];
}

/* Result i (0..3): a1..a4. */
static inline unsigned long hostile_hc_result(const struct hostile_call *c,
					      unsigned i)
{
	return c->r[1 + i];
}

/* ---- the SBI call space ---- */

/* Every extension id with a meaning, and the edges of the ranges. */
HOSTILE_TABLE unsigned long sbi_known_exts[] = {
    SBI_EXT_LEGACY_SET_TIMER,
    SBI_EXT_LEGACY_PUTCHAR,
    SBI_EXT_LEGACY_GETCHAR,
    0x03ul, /* legacy clear_ipi, send_ipi, remote fences */
    0x07ul,
    0x0ful,
    SBI_EXT_BASE,
    SBI_EXT_TIME,
    SBI_EXT_IPI,
    SBI_EXT_RFENCE,
    SBI_EXT_HSM,
    SBI_EXT_SRST,
    SBI_EXT_PMU,
    SBI_EXT_DBCN,
    SBI_EXT_SUSP,
    SBI_EXT_CPPC,
    SBI_EXT_NACL,
    SBI_EXT_STA,
    0x08000000ul, /* experimental */
    0x08fffffful,
    0x09000000ul, /* vendor */
    0x09fffffful,
    0x0a000000ul, /* firmware */
    0x0afffffful,
    TESSERA_SBI_EXT,
};
#define SBI_KNOWN_EXTS (sizeof(sbi_known_exts) / sizeof(sbi_known_exts[0]))

/* Does Tessera give this VM (which has a console) extension `ext`? */
static inline bool sbi_implemented(unsigned long ext)
{
	switch (ext) {
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_HSM:
	case SBI_EXT_SRST:
	case SBI_EXT_DBCN:
	case SBI_EXT_LEGACY_PUTCHAR:
	case SBI_EXT_LEGACY_GETCHAR:
	case TESSERA_SBI_EXT:
		return true;
	default:
		return false;
	}
}

/* Prints output per call: drawn only rarely (see hostile.c). */
static inline bool hostile_fw_is_noisy(const struct hostile_call *c)
{
	return c->r[7] == TESSERA_SBI_EXT && c->r[6] == HC_MEM_REPORT;
}

/* A hart id: the VM's own, just past them, or far away. */
static inline unsigned long hostile_hart(struct hrng *r,
					 const struct hostile_vm *vm)
{
	switch (hrng_below(r, 4)) {
	case 0:
	case 1:
		return hrng_below(r, vm->vcpus);
	case 2:
		return vm->vcpus + hrng_below(r, 64);
	default:
		return hostile_arg(r);
	}
}

/* A hart mask and base (a0, a1) in the shapes SBI knows, or wild ones. */
static inline void hostile_hart_mask(struct hrng *r, struct hostile_call *c,
				     const struct hostile_vm *vm)
{
	c->r[0] = hrng_one_in(r, 2) ? hrng_below(r, 1u << (vm->vcpus + 2))
				    : hostile_arg(r);
	c->r[1] = hrng_one_in(r, 4)   ? ~0ul
		  : hrng_one_in(r, 2) ? hostile_hart(r, vm)
				      : hostile_arg(r);
}

/* Does an SBI hart mask name only the VM's harts? */
static inline bool hostile_harts_own(unsigned long mask, unsigned long base,
				     const struct hostile_vm *vm)
{
	if (base == ~0ul)
		return true;
	for (unsigned bit = 0; bit < 64; bit++)
		if ((mask >> bit & 1) &&
		    (base + bit < base || base + bit >= vm->vcpus))
			return false;
	return true;
}

/* What DBCN reads into and writes from when it would be the VM's RAM. */
#define HOSTILE_TEXT 64
static char hostile_dbcn_in[HOSTILE_TEXT] __attribute__((unused));
HOSTILE_TABLE char hostile_dbcn_out[HOSTILE_TEXT + 1] =
    "the hostile guest writes through the SBI debug console: letters\n";

static inline bool hostile_in_ram(unsigned long addr,
				  const struct hostile_vm *vm)
{
	return addr - vm->ram_base < vm->ram_size;
}

/* A letter or a newline for the console from a random value. */
static inline unsigned long hostile_letter(unsigned long v)
{
	return (v & 0x1f) == 0 ? '\n' : 'a' + v % 26;
}

/*
 * The debug console on the VM's own RAM: only CPU 0 writes (its lines must
 * not mix with the progress lines), from the letters above, and reads go to
 * a buffer of their own, never over the program.
 */
static inline void hostile_tame_dbcn(struct hrng *r, struct hostile_call *c,
				     const struct hostile_vm *vm)
{
	bool write = c->r[6] == 0 || c->r[6] == 2;
	unsigned off = hrng_below(r, HOSTILE_TEXT);

	if (write && cpu_id() != 0) {
		c->r[6] = 1;
		write = false;
	}
	if (c->r[6] == 2) {
		c->r[0] = hostile_letter(c->r[0]);
		return;
	}
	if (c->r[6] > 2 || c->r[2] != 0 || !hostile_in_ram(c->r[1], vm))
		return;
	if (c->r[0] > HOSTILE_TEXT - off)
		c->r[0] = HOSTILE_TEXT - off;
	c->r[1] = write ? (unsigned long)&hostile_dbcn_out[off]
			: (unsigned long)&hostile_dbcn_in[off];
}

/* Arguments in a0..a5 for the function in a7 / a6, made safe for us. */
static inline void hostile_fw_args(struct hrng *r, struct hostile_call *c,
				   const struct hostile_vm *vm)
{
	unsigned long ext = c->r[7];

	if (ext == SBI_EXT_IPI || ext == SBI_EXT_RFENCE)
		hostile_hart_mask(r, c, vm);
	else if (ext == SBI_EXT_HSM && c->r[6] != SBI_HSM_HART_SUSPEND)
		c->r[0] = hostile_hart(r, vm);
	else if (ext == SBI_EXT_BASE && c->r[6] == SBI_BASE_PROBE_EXT)
		c->r[0] = sbi_known_exts[hrng_below(r, SBI_KNOWN_EXTS)] +
			  hrng_below(r, 5) - 2;
	if (ext == SBI_EXT_HSM && c->r[6] == SBI_HSM_HART_STOP)
		c->r[6] = SBI_HSM_HART_STATUS;
	if (ext == SBI_EXT_HSM && c->r[6] == SBI_HSM_HART_SUSPEND)
		c->r[0] &= ~HSM_SUSPEND_NON_RETENTIVE;
	/* SRST: a reset type or a reason (0, 1, 0xf0000000 up) it must refuse.
	 */
	if (ext == SBI_EXT_SRST && c->r[6] == 0 && (uint32_t)c->r[0] <= 2 &&
	    ((uint32_t)c->r[1] <= 1 || (uint32_t)c->r[1] >= 0xf0000000u)) {
		if (hrng_one_in(r, 2))
			c->r[0] = 3 + hrng_below(r, 0x10000);
		else
			c->r[1] = 2 + hrng_below(r, 0xeffffffd);
	}
	if (ext == SBI_EXT_LEGACY_PUTCHAR && cpu_id() != 0)
		c->r[7] = SBI_EXT_LEGACY_GETCHAR;
	else if (ext == SBI_EXT_LEGACY_PUTCHAR)
		c->r[0] = hostile_letter(c->r[0]);
	if (ext == SBI_EXT_DBCN)
		hostile_tame_dbcn(r, c, vm);
}

/* Never the legacy shutdown: nothing in its arguments makes it harmless. */
static inline bool hostile_fw_ends_caller(unsigned long ext)
{
	return ext == SBI_EXT_LEGACY_SHUTDOWN;
}

/* An extension anywhere in the call space, a function, never one ending us. */
static inline void hostile_fw_setup(struct hrng *r, struct hostile_call *c,
				    const struct hostile_vm *vm)
{
	do {
		unsigned kind = hrng_below(r, 20);

		if (kind < 12) /* a known one, or next to one */
			c->r[7] =
			    sbi_known_exts[hrng_below(r, SBI_KNOWN_EXTS)] +
			    (hrng_one_in(r, 4) ? (long)hrng_below(r, 9) - 4
					       : 0);
		else if (kind < 15) /* anywhere in a range */
			c->r[7] = 0x08000000ul * (1 + hrng_below(r, 3)) +
				  hrng_below(r, 0x1000000);
		else if (kind < 17)
			c->r[7] = hrng_below(r, 0x40);
		else
			c->r[7] = hostile_arg(r);
		c->r[6] = hrng_one_in(r, 8)   ? hostile_arg(r)
			  : hrng_one_in(r, 4) ? hrng_below(r, 0x100)
					      : hrng_below(r, 8);
	} while (hostile_fw_ends_caller(c->r[7]) ||
		 (hostile_fw_is_noisy(c) && !hrng_one_in(r, 256)));
	hostile_fw_args(r, c, vm);
}

/*
 * The deterministic start of every run: functions 0..7 of every known
 * extension and of the ids 2 below and 2 above it.
 */
#define HOSTILE_FW_SWEEP (SBI_KNOWN_EXTS * 5 * 8)

/* Loads the k-th sweep call; false where that would be a call ending us. */
static inline bool hostile_fw_sweep(struct hostile_call *c, unsigned k)
{
	c->r[7] = sbi_known_exts[k / 40] + (k / 8 % 5) - 2;
	c->r[6] = k % 8;
	return !hostile_fw_ends_caller(c->r[7]);
}

/* The last character a call of CPU 0 puts on the console, or -1. */
static inline int hostile_fw_last_char(const struct hostile_call *c)
{
	unsigned long ext = c->r[7], fid = c->r[6];
	const char *end = &hostile_dbcn_out[HOSTILE_TEXT];

	if (ext == SBI_EXT_LEGACY_PUTCHAR || (ext == SBI_EXT_DBCN && fid == 2))
		return (int)(c->r[0] & 0xff);
	if (ext != SBI_EXT_DBCN || fid != 0 || !c->r[0] ||
	    c->r[1] < (unsigned long)hostile_dbcn_out ||
	    c->r[1] >= (unsigned long)end)
		return -1;
	return ((const char *)c->r[1])[c->r[0] - 1];
}

/*
 * Calls meant for a TEE: functions 0..15 of the CoVE extensions (host,
 * interrupt, guest) and of the first vendor and firmware extensions. The
 * k-th is loaded into c; returns its conduit.
 */
HOSTILE_TABLE unsigned long hostile_tee_exts[] = {
    0x434f5648ul, 0x434f5649ul, 0x434f5647ul, 0x09000000ul, 0x0a000000ul};
#define HOSTILE_TEE_CALLS \
	(16 * sizeof(hostile_tee_exts) / sizeof(hostile_tee_exts[0]))

static inline unsigned hostile_tee_call(unsigned k, struct hostile_call *c)
{
	c->r[7] = hostile_tee_exts[k / 16];
	c->r[6] = k % 16;
	return 0;
}

/* A TEE that is not there: SBI's NOT_SUPPORTED. */
static inline bool hostile_tee_refused(const struct hostile_call *c)
{
	return (long)c->r[0] == SBI_ERR_NOT_SUPPORTED;
}

/* The debug console: its buffer must lie in the VM's RAM (see above). */
static inline long hostile_dbcn_expected(unsigned long fid,
					 const unsigned long *a, long err,
					 const struct hostile_vm *vm)
{
	if (fid == 2)
		return SBI_SUCCESS;
	if (fid > 2)
		return SBI_ERR_NOT_SUPPORTED;
	if (a[0] == 0) /* no bytes: where they are does not matter */
		return err;
	return a[2] == 0 && hostile_in_ram(a[1], vm) ? SBI_SUCCESS
						     : SBI_ERR_INVALID_PARAM;
}

/* Every vCPU is started: HSM can start none and stop none of them here. */
static inline long hostile_hsm_expected(unsigned long fid,
					const unsigned long *a, long err,
					const struct hostile_vm *vm)
{
	bool own = a[0] < vm->vcpus;

	switch (fid) {
	case SBI_HSM_HART_START: /* either check may come first */
		if (!own)
			return SBI_ERR_INVALID_PARAM;
		return err == SBI_ERR_INVALID_ADDRESS
			   ? SBI_ERR_INVALID_ADDRESS
			   : SBI_ERR_ALREADY_AVAILABLE;
	case SBI_HSM_HART_STATUS:
		return own ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM;
	case SBI_HSM_HART_SUSPEND: /* retentive: only the default type */
		return a[0] == 0 ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM;
	default:
		return SBI_ERR_NOT_SUPPORTED;
	}
}

/* The error an SBI call must answer, given what it answered where SBI
 * allows a choice. */
static inline long hostile_sbi_expected(const struct hostile_call *in, long err,
					const struct hostile_vm *vm)
{
	unsigned long fid = in->r[6];
	const unsigned long *a = in->r;
	bool harts = hostile_harts_own(a[0], a[1], vm);

	switch (in->r[7]) {
	case SBI_EXT_BASE:
		return fid <= 6 ? SBI_SUCCESS : SBI_ERR_NOT_SUPPORTED;
	case SBI_EXT_TIME:
		return fid == 0 ? SBI_SUCCESS : SBI_ERR_NOT_SUPPORTED;
	case SBI_EXT_IPI:
		if (fid != 0)
			return SBI_ERR_NOT_SUPPORTED;
		return harts ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM;
	case SBI_EXT_RFENCE: /* the HFENCE calls: the VM has no H extension */
		if (fid > 2)
			return SBI_ERR_NOT_SUPPORTED;
		return harts ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM;
	case SBI_EXT_HSM:
		return hostile_hsm_expected(fid, a, err, vm);
	case SBI_EXT_SRST: /* hostile_fw_args made every reset invalid */
		return fid == 0 ? SBI_ERR_INVALID_PARAM : SBI_ERR_NOT_SUPPORTED;
	case SBI_EXT_DBCN:
		return hostile_dbcn_expected(fid, a, err, vm);
	default: /* not implemented, or a legacy call answering in a0 alone */
		return SBI_ERR_NOT_SUPPORTED;
	}
}

/* Writes why an SBI call's answer breaks the specification; false if fine. */
static inline bool hostile_fw_check(const struct hostile_call *in,
				    const struct hostile_call *out,
				    const struct hostile_vm *vm, char *why,
				    size_t size)
{
	unsigned long ext = in->r[7], fid = in->r[6];
	long err = (long)out->r[0], want;

	if (ext == TESSERA_SBI_EXT) {
		if (err > 0 || err < HS_BAD_DESC)
			format(why, size, "status %ld is not in the list", err);
		else if (fid >= HC_COUNT && err != HS_NOT_SUPPORTED)
			format(why, size, "unknown call 0x%lx answered %ld",
			       fid, err);
		else
			return false;
		return true;
	}
	if (ext == SBI_EXT_LEGACY_PUTCHAR || ext == SBI_EXT_LEGACY_GETCHAR)
		return false;
	if (ext == SBI_EXT_BASE && fid == SBI_BASE_PROBE_EXT && err == 0 &&
	    out->r[1] != sbi_implemented(in->r[0])) {
		format(why, size, "probe of extension 0x%lx answered %lu",
		       in->r[0], out->r[1]);
		return true;
	}
	want = sbi_implemented(ext) ? hostile_sbi_expected(in, err, vm)
				    : SBI_ERR_NOT_SUPPORTED;
	if (err == want)
		return false;
	format(why, size,
	       "extension 0x%lx function 0x%lx answered %ld, not %ld", ext, fid,
	       err, want);
	return true;
}

/* ---- device accesses ---- */

#define HOSTILE_LOAD(insn, v, addr)                   \
	__asm__ volatile(MMIO_INSN(insn " %0, 0(%1)") \
			 : "=r"(v)                    \
			 : "r"(addr)                  \
			 : "memory")
#define HOSTILE_STORE(insn, v, addr)                   \
	__asm__ volatile(MMIO_INSN(insn " %z0, 0(%1)") \
			 :                             \
			 : "rJ"(v), "r"(addr)          \
			 : "memory")

/* C.SW / C.LW (which sign-extends): registers among x8..x15. */
static inline unsigned long hostile_compressed(unsigned long addr, bool write,
					       unsigned long value)
{
	register unsigned long a __asm__("a1") = addr;
	register unsigned long v __asm__("a0") = value;

	if (write)
		__asm__ volatile("c.sw a0, 0(a1)"
				 :
				 : "r"(v), "r"(a)
				 : "memory");
	else
		__asm__ volatile("c.lw a0, 0(a1)"
				 : "=r"(v)
				 : "r"(a)
				 : "memory");
	return write ? 0 : v;
}

/*
 * One access of `width` bytes (1, 2, 4, 8) at `addr`, made as `how` says.
 * A 4-byte write or sign-extending load whose value has bit 62 set is made
 * in compressed form (a load's value is not used otherwise): the hypervisor
 * must decode those too.
 */
static inline unsigned long hostile_mmio(unsigned long addr, unsigned width,
					 enum hostile_how how,
					 unsigned long value)
{
	unsigned long v = 0;
	unsigned sel = width == 1 ? 0 : width == 2 ? 1 : width == 4 ? 2 : 3;

	if (width == 4 && (value >> 62 & 1) &&
	    (how == HOW_WRITE || how == HOW_READ_SX64))
		return hostile_compressed(addr, how == HOW_WRITE, value);
	if (how == HOW_READ_SX32)
		how = HOW_READ_SX64;
	switch (how * 4 + sel) {
	case HOW_WRITE * 4 + 0:
		HOSTILE_STORE("sb", value, addr);
		break;
	case HOW_WRITE * 4 + 1:
		HOSTILE_STORE("sh", value, addr);
		break;
	case HOW_WRITE * 4 + 2:
		HOSTILE_STORE("sw", value, addr);
		break;
	case HOW_WRITE * 4 + 3:
		HOSTILE_STORE("sd", value, addr);
		break;
	case HOW_READ * 4 + 0:
		HOSTILE_LOAD("lbu", v, addr);
		break;
	case HOW_READ * 4 + 1:
		HOSTILE_LOAD("lhu", v, addr);
		break;
	case HOW_READ * 4 + 2:
		HOSTILE_LOAD("lwu", v, addr);
		break;
	case HOW_READ_SX64 * 4 + 0:
		HOSTILE_LOAD("lb", v, addr);
		break;
	case HOW_READ_SX64 * 4 + 1:
		HOSTILE_LOAD("lh", v, addr);
		break;
	case HOW_READ_SX64 * 4 + 2:
		HOSTILE_LOAD("lw", v, addr);
		break;
	case HOW_READ_ZERO * 4 + 0:
		__asm__ volatile(MMIO_INSN("lb zero, 0(%0)")
				 :
				 : "r"(addr)
				 : "memory");
		break;
	case HOW_READ_ZERO * 4 + 1:
		__asm__ volatile(MMIO_INSN("lh zero, 0(%0)")
				 :
				 : "r"(addr)
				 : "memory");
		break;
	case HOW_READ_ZERO * 4 + 2:
		__asm__ volatile(MMIO_INSN("lw zero, 0(%0)")
				 :
				 : "r"(addr)
				 : "memory");
		break;
	case HOW_READ_ZERO * 4 + 3:
		__asm__ volatile(MMIO_INSN("ld zero, 0(%0)")
				 :
				 : "r"(addr)
				 : "memory");
		break;
	default: /* 8 bytes: nothing to extend */
		HOSTILE_LOAD("ld", v, addr);
		break;
	}
	return v;
}

/*
 * A device access no hypervisor can emulate from a trap: an atomic
 * read-modify-write (AMOADD.W), which the load / store emulation refuses.
 */
#define HOSTILE_UNEMULABLE_NAME "an atomic add at"
static inline unsigned long hostile_unemulable(unsigned long addr)
{
	unsigned long v;

	__asm__ volatile("amoadd.w %0, %2, (%1)"
			 : "=r"(v)
			 : "r"(addr), "r"(1ul)
			 : "memory");
	return v;
}

/* ---- the emulated windows ---- */

#define HOSTILE_PLIC_BASE    0x0c000000ul
#define HOSTILE_PLIC_ENABLE  0x2000ul
#define HOSTILE_PLIC_CONTEXT 0x200000ul
#define HOSTILE_PLIC_END     0x4000000ul
#define HOSTILE_UART_BASE    ARCH_CONSOLE_IPA
/* Per vCPU: its M-mode context (none in a VM), then its S-mode one. */
#define HOSTILE_LOCAL_FRAME  0x2000ul
#define HOSTILE_LOCAL_SECOND 0x1000ul
#define HOSTILE_PLIC_PRIO    7ul
#define UART_LCR	     3
#define UART_MCR	     4
#define UART_LSR	     5
#define UART_LCR_DLAB	     0x80ul
#define UART_MCR_LOOP	     0x10ul
#define UART_LSR_EMPTY	     0x60ul /* THRE and TEMT: transmit is instant */

/*
 * The PLIC in three windows, each over the whole of its kind (every
 * source, every context of the board, not only the VM's), and the console.
 */
static inline unsigned hostile_windows(struct hostile_window *w,
				       const struct hostile_vm *vm)
{
	(void)vm;
	w[0] = (struct hostile_window){"PLIC", HOSTILE_PLIC_BASE,
				       HOSTILE_PLIC_ENABLE, WIN_INTC_DIST};
	w[1] = (struct hostile_window){
	    "PLIC-enables", HOSTILE_PLIC_BASE + HOSTILE_PLIC_ENABLE,
	    HOSTILE_PLIC_CONTEXT - HOSTILE_PLIC_ENABLE, WIN_INTC_DIST};
	w[2] = (struct hostile_window){
	    "PLIC-contexts", HOSTILE_PLIC_BASE + HOSTILE_PLIC_CONTEXT,
	    HOSTILE_PLIC_END - HOSTILE_PLIC_CONTEXT, WIN_INTC_LOCAL};
	w[3] = (struct hostile_window){"NS16550", HOSTILE_UART_BASE, 0x1000,
				       WIN_CONSOLE};
	return 4;
}

/*
 * The widths Tessera's models take (the PLIC's registers are 32-bit, the
 * NS16550's bytes also read and written 2 or 4 at a time). Others stop the
 * VM ("bad emulated device access"): that is tested on its own.
 */
static inline unsigned hostile_mmio_widths(const struct hostile_window *w,
					   unsigned long off)
{
	(void)off;
	return w->kind == WIN_CONSOLE ? 0x7 : 0x4;
}

/* What a taming did to an access. */
enum {
	TAME_SKIP = 1,	   /* do not make it */
	TAME_TRANSMIT = 2, /* a console character: *value & 0xff */
};

/*
 * Only the console needs taming (the program takes no external interrupt):
 * the divisor latch and loopback stay off, so that its characters leave,
 * and only CPU 0 transmits, letters or newlines.
 */
static inline unsigned hostile_mmio_tame(const struct hostile_window *w,
					 unsigned long off, unsigned width,
					 unsigned long *value, unsigned cpu)
{
	(void)width;
	if (w->kind != WIN_CONSOLE)
		return 0;
	if (off == UART_LCR)
		*value &= ~UART_LCR_DLAB;
	else if (off == UART_MCR)
		*value &= ~UART_MCR_LOOP;
	if (off != 0)
		return 0;
	if (cpu != 0)
		return TAME_SKIP;
	*value = (*value & ~0xfful) | hostile_letter(*value);
	return TAME_TRANSMIT;
}

/* Is PLIC context `ctx` the S-mode context of one of the VM's vCPUs? */
static inline bool hostile_own_context(unsigned long ctx,
				       const struct hostile_vm *vm)
{
	return (ctx & 1) && ctx / 2 < vm->vcpus;
}

/* What a 32-bit PLIC register at `poff` may read, as a mask of its bits. */
static inline unsigned long hostile_plic_allowed(unsigned long poff,
						 const struct hostile_vm *vm)
{
	unsigned long own = vm->console_irq;

	if (poff < 0x1000)
		return poff / 4 == own ? HOSTILE_PLIC_PRIO : 0;
	if (poff < HOSTILE_PLIC_ENABLE)
		return (poff - 0x1000) / 4 == own / 32 ? 1ul << (own % 32) : 0;
	if (poff < HOSTILE_PLIC_CONTEXT) {
		unsigned long rel = poff - HOSTILE_PLIC_ENABLE;

		if (!hostile_own_context(rel / 0x80, vm))
			return 0;
		return rel % 0x80 / 4 == own / 32 ? 1ul << (own % 32) : 0;
	}
	poff -= HOSTILE_PLIC_CONTEXT;
	if (!hostile_own_context(poff / 0x1000, vm))
		return 0;
	if (poff % 0x1000 == 0) /* threshold */
		return HOSTILE_PLIC_PRIO;
	return poff % 0x1000 == 4 ? ~0ul : 0; /* claim: checked apart */
}

/*
 * Isolation of interrupt state: the PLIC shows the VM its own source (the
 * console's) and its own contexts only; the console's transmitter is
 * always empty.
 */
static inline bool hostile_mmio_check(const struct hostile_window *w,
				      unsigned long off, unsigned width,
				      unsigned long v,
				      const struct hostile_vm *vm, char *why,
				      size_t size)
{
	unsigned long poff = w->base - HOSTILE_PLIC_BASE + off;

	(void)width;
	if (w->kind == WIN_CONSOLE) {
		if (off != UART_LSR || (v & UART_LSR_EMPTY) == UART_LSR_EMPTY)
			return false;
		format(why, size, "LSR reads 0x%lx: the transmitter is busy",
		       v);
		return true;
	}
	if (v & ~hostile_plic_allowed(poff, vm)) {
		format(why, size,
		       "PLIC offset 0x%lx reads 0x%lx: state of interrupts or "
		       "contexts not the VM's",
		       poff, v);
		return true;
	}
	if (poff >= HOSTILE_PLIC_CONTEXT && poff % 0x1000 == 4 && v != 0 &&
	    v != vm->console_irq) {
		format(why, size, "claim at PLIC offset 0x%lx gave source %lu",
		       poff, v);
		return true;
	}
	return false;
}

/* External interrupts stay off in sie: nothing to silence. */
static inline void hostile_irq_quiet(unsigned intid,
				     const struct hostile_vm *vm)
{
	(void)intid;
	(void)vm;
}

/* ---- IPIs ---- */

#define HOSTILE_IPI_REGS 2
HOSTILE_TABLE char *const hostile_ipi_names[HOSTILE_IPI_REGS] = {
    "SBI send_ipi hart_mask (base 0)", "SBI send_ipi hart_mask_base (mask 1)"};

/* A hart mask or base: random, or a plausible shape. */
static inline unsigned long hostile_ipi_value(struct hrng *r)
{
	if (hrng_one_in(r, 2))
		return hostile_arg(r);
	return hrng_one_in(r, 2) ? 1ul << hrng_below(r, 64)
				 : hrng_below(r, 0x10000);
}

/* Sends an IPI as `reg` says (see hostile_ipi_names); the SBI error. */
static inline long hostile_ipi(unsigned reg, unsigned long value)
{
	if (reg == 0)
		return sbi_call(SBI_EXT_IPI, SBI_IPI_SEND, value, 0, 0).error;
	return sbi_call(SBI_EXT_IPI, SBI_IPI_SEND, 1, value, 0).error;
}

/* An IPI naming a hart the VM does not have: refused as a whole. */
static inline bool hostile_ipi_refused(long status)
{
	return status == SBI_ERR_INVALID_PARAM;
}

/*
 * IPIs for harts the VM does not have: masks past its harts, bases past
 * them, far away and wrapping. SBI IPIs carry no SGI number (`sgi`): the
 * guest library posts its SGIs beside them.
 */
#define HOSTILE_IPIS_BEYOND 8

static inline unsigned hostile_ipis_beyond(unsigned vcpus, unsigned sgi,
					   struct hostile_ipi_beyond *b)
{
	unsigned n = 0;

	(void)sgi;
	b[n++] = (struct hostile_ipi_beyond){
	    0, 0xfffful & ~((1ul << vcpus) - 1), "hart_mask beyond our harts"};
	b[n++] = (struct hostile_ipi_beyond){0, 1ul << 63, "hart 63"};
	b[n++] = (struct hostile_ipi_beyond){1, vcpus, "the hart after ours"};
	b[n++] = (struct hostile_ipi_beyond){1, vcpus + 1ul, "the one after"};
	b[n++] = (struct hostile_ipi_beyond){1, 8, "hart 8"};
	b[n++] = (struct hostile_ipi_beyond){1, 63, "hart 63"};
	b[n++] = (struct hostile_ipi_beyond){1, 1ul << 32, "hart 2^32"};
	b[n++] = (struct hostile_ipi_beyond){1, ~0ul - 1, "hart 2^64 - 2"};
	return n;
}

/* ---- writes for an interrupt the VM does not own ---- */

/*
 * PLIC writes for source `target`: a priority, enabled on the caller's
 * context, on its M-mode context and on the next hart's (another VM's),
 * pending (read-only), a completion (read back: a claim); once nothing was
 * delivered, disabled again.
 */
#define HOSTILE_IRQ_WRITES 7

static inline unsigned hostile_irq_writes(unsigned target,
					  struct hostile_irq_write *w)
{
	unsigned long ctx = 2 * cpu_to_hart(cpu_id()) + 1;
	unsigned long word = target / 32 * 4, bit = 1ul << (target % 32);
	unsigned long enable = HOSTILE_PLIC_BASE + HOSTILE_PLIC_ENABLE + word;
	unsigned n = 0;

	w[n++] = (struct hostile_irq_write){
	    "priority 7 for", HOSTILE_PLIC_BASE + target * 4ul, 4, 7, 7, false};
	w[n++] = (struct hostile_irq_write){
	    "enabling on our context", enable + ctx * 0x80, 4, bit, bit, false};
	w[n++] = (struct hostile_irq_write){"enabling on our M-mode context",
					    enable + (ctx - 1) * 0x80,
					    4,
					    bit,
					    bit,
					    false};
	w[n++] = (struct hostile_irq_write){"enabling on the next hart's "
					    "context",
					    enable + (ctx + 2) * 0x80,
					    4,
					    bit,
					    bit,
					    false};
	w[n++] = (struct hostile_irq_write){"making pending",
					    HOSTILE_PLIC_BASE + 0x1000 + word,
					    4,
					    bit,
					    bit,
					    false};
	w[n++] = (struct hostile_irq_write){
	    "completing, then claiming,",
	    HOSTILE_PLIC_BASE + HOSTILE_PLIC_CONTEXT + ctx * 0x1000 + 4,
	    4,
	    target,
	    ~0ul,
	    false};
	w[n++] = (struct hostile_irq_write){
	    "disabling", enable + ctx * 0x80, 4, 0, bit, true};
	return n;
}

/* ---- addresses worth passing around ---- */

/*
 * QEMU virt's map as the VM (and the hypervisor) know it: the test and RTC
 * devices, the CLINT, the PLIC and its contexts, the console, virtio,
 * fw_cfg, flash, PCIe, RAM (whose first 2 MiB are OpenSBI's and the next
 * the hypervisor's, physically), past it (other VMs' memory, physically),
 * the edges of the 41-bit guest-physical space of Sv39x4.
 */
HOSTILE_TABLE unsigned long hostile_addrs[] = {
    0x00000000ul,      0x00001000ul,	0x00100000ul,	 0x00101000ul,
    0x02000000ul,      0x0c000000ul,	0x0c002000ul,	 0x0c200000ul,
    0x10000000ul,      0x10001000ul,	0x10100000ul,	 0x20000000ul,
    0x30000000ul,      0x40000000ul,	0x80000000ul,	 0x80200000ul,
    0x81000000ul,      0x88000000ul,	0xc0000000ul,	 0xfffff000ul,
    0x100000000ul,     0x1fffffff000ul, 0x20000000000ul, 0x4000000000ul,
    0x8000000000000ul,
};

#endif
