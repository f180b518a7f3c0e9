/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Armv8-A half of the hostile test programs (see <guest/hostile.h>):
 *
 * - raw SMCCC calls through HVC #0, SMC #0 and SMC #1 with x0..x17 loaded
 *   and read back, so a call's effect on every register is visible;
 * - the SMCCC call space (owners 0..63, fast and yielding, SMC32 and SMC64),
 *   PSCI with hostile arguments, and what SMCCC 1.1 / PSCI 1.1 promise
 *   about the answers;
 * - raw device accesses of 1, 2, 4 and 8 bytes, zero- and sign-extending;
 * - the VM's emulated windows (GICD, its GICR frames, the PL011), the
 *   widths Tessera's models accept there, and the bits the program keeps
 *   for itself (group 1 enabled, its timer's PPI 27 enabled, group 1,
 *   priority 0xa0, its console's characters);
 * - SGIs through ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 / ICC_SGI0R_EL1 (GICv3).
 *
 * A RISC-V variant provides the same names with SBI, the PLIC and the
 * NS16550. Only hostile programs include this header.
 */
#ifndef ARCH_HOSTILE_H
#define ARCH_HOSTILE_H

#include <guest.h>
/* What a sign-extending load into a 32-bit register keeps (guest/hostile.h). */
#define HOSTILE_SX32_MASK 0xfffffffful
#include <guest/hostile.h>

#include <arch/gic.h>
#include <arch/mmio.h>

/*
 * Provided by the test program for <arch/hostile.h>: an argument from the
 * pool of random, boundary and hostile values (addresses of the
 * hypervisor's memory, of other VMs, unaligned, huge sizes, all-ones).
 */
static unsigned long hostile_arg(struct hrng *r);

/* ---- raw calls ---- */

/* x0..x17: SMCCC's argument, result and (1.1) preserved registers. */
#define HOSTILE_CALL_REGS 18
/* A call is described by x0..x5: the function id and its arguments. */
#define HOSTILE_SHOWN_REGS 6
/* SMC #1: Tessera traps every SMC; the immediate is not SMCCC's business. */
#define HOSTILE_CONDUITS 3
HOSTILE_TABLE char *const hostile_conduit_names[HOSTILE_CONDUITS] = {
    "hvc #0", "smc #0", "smc #1"};

/*
 * Loads x0..x17 from the record, makes the call, stores x0..x17 back. The
 * record's address waits on the stack: no register is trusted across.
 */
#define HOSTILE_RAW_CALL(insn)                                             \
	__asm__ volatile("str	%0, [sp, #-16]!\n\t"                         \
			 "ldp	x2, x3, [%0, #16]\n\t"                       \
			 "ldp	x4, x5, [%0, #32]\n\t"                       \
			 "ldp	x6, x7, [%0, #48]\n\t"                       \
			 "ldp	x8, x9, [%0, #64]\n\t"                       \
			 "ldp	x10, x11, [%0, #80]\n\t"                     \
			 "ldp	x12, x13, [%0, #96]\n\t"                     \
			 "ldp	x14, x15, [%0, #112]\n\t"                    \
			 "ldp	x16, x17, [%0, #128]\n\t"                    \
			 "ldp	x0, x1, [%0]\n\t" insn "\n\t"              \
			 "stp	x0, x1, [sp, #-16]!\n\t"                     \
			 "ldr	x0, [sp, #16]\n\t"                           \
			 "stp	x2, x3, [x0, #16]\n\t"                       \
			 "stp	x4, x5, [x0, #32]\n\t"                       \
			 "stp	x6, x7, [x0, #48]\n\t"                       \
			 "stp	x8, x9, [x0, #64]\n\t"                       \
			 "stp	x10, x11, [x0, #80]\n\t"                     \
			 "stp	x12, x13, [x0, #96]\n\t"                     \
			 "stp	x14, x15, [x0, #112]\n\t"                    \
			 "stp	x16, x17, [x0, #128]\n\t"                    \
			 "ldp	x2, x3, [sp], #32\n\t"                       \
			 "stp	x2, x3, [x0]"                                \
			 :                                                 \
			 : "r"(c)                                          \
			 : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", \
			   "x8", "x9", "x10", "x11", "x12", "x13", "x14",  \
			   "x15", "x16", "x17", "memory")

static inline void hostile_call(unsigned conduit, struct hostile_call *c)
{
	/* Whatever the callee touches, it cannot be half-written memory. */
	__asm__ volatile("dsb sy" : : : "memory");
	switch (conduit) {
	case 0:
		HOSTILE_RAW_CALL("hvc #0");
		break;
	case 1:
		HOSTILE_RAW_CALL("smc #0");
		break;
	default:
		HOSTILE_RAW_CALL("smc #1");
		break;
	}
}

/*
 * SMCCC 1.1 (which Tessera reports): x0..x3 carry results, x4..x17 are
 * preserved; Tessera's own calls return x1..x4 (HC_VM_MEASURE needs four).
 * Returns the first register that changed, or 0.
 */
static inline unsigned hostile_call_clobbered(const struct hostile_call *in,
					      const struct hostile_call *out)
{
	uint32_t id = (uint32_t)in->r[0];
	unsigned first = (id & 0xffff0000u) == TESSERA_SMCCC_BASE ? 5 : 4;

	for (unsigned i = first; i < HOSTILE_CALL_REGS; i++)
		if (in->r[i] != out->r[i])
			return i;
	return 0;
}

/* ---- Tessera's calls: x0 = 0xc6000000 + n, arguments in x1..x5 ---- */

#define HOSTILE_HC_ARGS 5

static inline void hostile_hc_setup(struct hostile_call *c, unsigned n,
				    const unsigned long args[HOSTILE_HC_ARGS])
{
	c->r[0] = TESSERA_SMCCC_FN(n);
	for (unsigned i = 0; i < HOSTILE_HC_ARGS; i++)
		c->r[1 + i] = args[i];
}

static inline long hostile_hc_status(const struct hostile_call *c)
{
	return (long)c->r[0];
}

/* Result i (0..3): x1..x4. */
static inline unsigned long hostile_hc_result(const struct hostile_call *c,
					      unsigned i)
{
	return c->r[1 + i];
}

/* ---- the SMCCC call space ---- */

#define SMCCC_FAST	     (1u << 31)
#define SMCCC_64	     (1u << 30)
#define SMCCC_OWNER(id)	     (((id) >> 24) & 0x3f)
#define SMCCC_RESERVED	     0x00ff0000u
#define SMCCC_OWNER_ARCH     0
#define SMCCC_OWNER_SIP	     2
#define SMCCC_OWNER_OEM	     3
#define SMCCC_OWNER_STANDARD 4
#define SMCCC_OWNER_STD_HYP  5
#define SMCCC_OWNER_VENDOR   6
#define SMCCC_NOT_SUPPORTED  (-1)

/* PSCI function numbers (owner 4, fast; | SMCCC_64 for the SMC64 form). */
enum {
	PSCI_FN_VERSION = 0x00,
	PSCI_FN_CPU_SUSPEND = 0x01,
	PSCI_FN_CPU_OFF = 0x02,
	PSCI_FN_CPU_ON = 0x03,
	PSCI_FN_AFFINITY_INFO = 0x04,
	PSCI_FN_MIGRATE = 0x05,
	PSCI_FN_MIGRATE_INFO_TYPE = 0x06,
	PSCI_FN_MIGRATE_INFO_UP_CPU = 0x07,
	PSCI_FN_SYSTEM_OFF = 0x08,
	PSCI_FN_SYSTEM_RESET = 0x09,
	PSCI_FN_FEATURES = 0x0a,
	PSCI_FN_CPU_FREEZE = 0x0b,
	PSCI_FN_CPU_DEFAULT_SUSPEND = 0x0c,
	PSCI_FN_NODE_HW_STATE = 0x0d,
	PSCI_FN_SYSTEM_SUSPEND = 0x0e,
	PSCI_FN_SET_SUSPEND_MODE = 0x0f,
	PSCI_FN_STAT_RESIDENCY = 0x10,
	PSCI_FN_STAT_COUNT = 0x11,
	PSCI_FN_SYSTEM_RESET2 = 0x12,
	PSCI_FN_MEM_PROTECT = 0x13,
	PSCI_FN_MEM_PROTECT_CHECK = 0x14,
	PSCI_FN_SYSTEM_OFF2 = 0x15,
};
#define PSCI_ID(fn)		(SMCCC_FAST | 0x04000000u | (fn))
#define PSCI_RET_INVALID_PARAMS (-2)
#define PSCI_RET_ALREADY_ON	(-4)
#define PSCI_SUSPEND_POWERDOWN	((1ul << 16) | (1ul << 30))

/* The SMCCC Arm architecture calls (owner 0). */
HOSTILE_TABLE uint32_t smccc_arch_ids[] = {
    0x80000000u, /* SMCCC_VERSION */
    0x80000001u, /* SMCCC_ARCH_FEATURES */
    0x80000002u, /* SMCCC_ARCH_SOC_ID */
    0x80003fffu, /* SMCCC_ARCH_WORKAROUND_3 */
    0x80007fffu, /* SMCCC_ARCH_WORKAROUND_2 */
    0x80008000u, /* SMCCC_ARCH_WORKAROUND_1 */
    0x8000ff00u, /* call count, UID, revision queries */
    0x8000ff01u, 0x8000ff03u,
};

/*
 * PSCI calls whose success ends or suspends the caller: CPU_OFF,
 * SYSTEM_OFF, SYSTEM_RESET and their relatives. The non-fatal phase never
 * makes them (in either convention); CPU_SUSPEND is tamed to standby.
 */
static inline bool hostile_fw_ends_caller(uint32_t id)
{
	if ((id & ~SMCCC_64) >> 16 != PSCI_ID(0) >> 16)
		return false;
	switch (id & 0xffff) {
	case PSCI_FN_CPU_OFF:
	case PSCI_FN_SYSTEM_OFF:
	case PSCI_FN_SYSTEM_RESET:
	case PSCI_FN_CPU_FREEZE:
	case PSCI_FN_CPU_DEFAULT_SUSPEND:
	case PSCI_FN_SYSTEM_SUSPEND:
	case PSCI_FN_SYSTEM_RESET2:
	case PSCI_FN_SYSTEM_OFF2:
		return true;
	default:
		return false;
	}
}

/* The last character a call of CPU 0 puts on the console: none here. */
static inline int hostile_fw_last_char(const struct hostile_call *c)
{
	(void)c;
	return -1;
}

/* Prints output per call: drawn only rarely (see hostile.c). */
static inline bool hostile_fw_is_noisy(uint32_t id)
{
	return id == TESSERA_SMCCC_FN(HC_MEM_REPORT);
}

/* An MPIDR: the VM's own (Aff0 = vCPU), just past them, or far away. */
static inline unsigned long hostile_mpidr(struct hrng *r,
					  const struct hostile_vm *vm)
{
	switch (hrng_below(r, 8)) {
	case 0:
	case 1:
		return hrng_below(r, vm->vcpus);
	case 2:
		return (1ul << 31) | hrng_below(r, vm->vcpus);
	case 3:
		return vm->vcpus + hrng_below(r, 8);
	case 4:
		return (unsigned long)hrng_below(r, vm->vcpus)
		       << (8 * (1 + hrng_below(r, 3)));
	case 5:
		return 1ul << (32 + hrng_below(r, 8));
	default:
		return hostile_arg(r);
	}
}

static inline bool hostile_mpidr_is_own(unsigned long mpidr,
					const struct hostile_vm *vm)
{
	unsigned long aff = mpidr & 0xff00fffffful;

	return aff < vm->vcpus;
}

/* Arguments in x1..x3 for the function in x0, where its shape matters. */
static inline void hostile_fw_args(struct hrng *r, struct hostile_call *c,
				   const struct hostile_vm *vm)
{
	uint32_t id = (uint32_t)c->r[0] & ~SMCCC_64;

	if (id == PSCI_ID(PSCI_FN_CPU_ON)) {
		c->r[1] = hostile_mpidr(r, vm);
	} else if (id == PSCI_ID(PSCI_FN_AFFINITY_INFO)) {
		c->r[1] = hostile_mpidr(r, vm);
		c->r[2] = hrng_one_in(r, 2) ? 0 : hrng_below(r, 4);
		if (hrng_one_in(r, 8))
			c->r[2] = hostile_arg(r);
	} else if (id == PSCI_ID(PSCI_FN_FEATURES) || id == 0x80000001u) {
		c->r[1] = hrng_one_in(r, 2)
			      ? PSCI_ID(hrng_below(r, 0x20)) |
				    (hrng_one_in(r, 2) ? SMCCC_64 : 0)
			      : hostile_arg(r);
	}
	/* Standby only: a powerdown state would resume somewhere else. */
	if (id == PSCI_ID(PSCI_FN_CPU_SUSPEND))
		c->r[1] &= ~PSCI_SUSPEND_POWERDOWN;
}

/* A function id anywhere in the call space, never one that ends us. */
static inline void hostile_fw_setup(struct hrng *r, struct hostile_call *c,
				    const struct hostile_vm *vm)
{
	unsigned long x0;

	do {
		unsigned kind = hrng_below(r, 20);

		if (kind < 8) { /* any owner, fast or yielding, 32 or 64 */
			unsigned fn = hrng_below(r, 4) < 2 ? hrng_below(r, 0x40)
				      : hrng_one_in(r, 2)
					  ? 0xff00u + hrng_below(r, 0x100)
					  : hrng_below(r, 0x10000);

			x0 = (hrng_one_in(r, 4) ? 0 : SMCCC_FAST) |
			     (hrng_one_in(r, 2) ? SMCCC_64 : 0) |
			     (uint32_t)hrng_below(r, 64) << 24 | fn;
			if (hrng_one_in(r, 8))
				x0 |= (uint32_t)hrng_below(r, 256) << 16;
		} else if (kind < 15) { /* PSCI, both conventions */
			x0 = PSCI_ID(hrng_below(r, 0x20)) |
			     (hrng_one_in(r, 2) ? SMCCC_64 : 0);
		} else if (kind < 18) {
			x0 = smccc_arch_ids[hrng_below(
			    r, sizeof(smccc_arch_ids) /
				   sizeof(smccc_arch_ids[0]))];
		} else {
			x0 = hostile_arg(r); /* the upper half is ignored */
		}
		if (hrng_one_in(r, 16))
			x0 |= hostile_arg(r) << 32;
	} while (hostile_fw_ends_caller((uint32_t)x0) ||
		 (hostile_fw_is_noisy((uint32_t)x0) && !hrng_one_in(r, 256)));
	c->r[0] = x0;
	hostile_fw_args(r, c, vm);
}

/*
 * The deterministic start of every run: each owner 0..63, fast and
 * yielding, SMC32 and SMC64 (function 0), then each PSCI function
 * 0..0x1f in both conventions. 0 where that would be a call ending us.
 */
#define HOSTILE_FW_SWEEP (64 * 4 + 0x20 * 2)

static inline uint32_t hostile_fw_sweep_id(unsigned k)
{
	uint32_t id;

	if (k < 256)
		id = (k & 0x40 ? 0 : SMCCC_FAST) | (k & 0x80 ? SMCCC_64 : 0) |
		     (uint32_t)(k & 0x3f) << 24;
	else
		id = PSCI_ID((k - 256) & 0x1f) | (k & 0x20 ? SMCCC_64 : 0);
	return hostile_fw_ends_caller(id) ? 0 : id;
}

/* Loads the k-th sweep call; false where that would be a call ending us. */
static inline bool hostile_fw_sweep(struct hostile_call *c, unsigned k)
{
	uint32_t id = hostile_fw_sweep_id(k);

	c->r[0] = id;
	return id != 0;
}

/*
 * Calls meant for a TEE: every function 0..3 and the queries of the SMCCC
 * trusted application and trusted OS owners 48..63, SMC32 and SMC64,
 * through every conduit, then FF-A (0x84000060..0x8400008f). The k-th is
 * loaded into c; returns its conduit.
 */
#define HOSTILE_TEE_OWNER_CALLS (7 * 2 * HOSTILE_CONDUITS)
#define HOSTILE_TEE_CALLS	(16 * HOSTILE_TEE_OWNER_CALLS + 0x30)

static inline unsigned hostile_tee_call(unsigned k, struct hostile_call *c)
{
	static const uint32_t fns[] = {0, 1, 2, 3, 0xff00, 0xff01, 0xff03};
	unsigned owner = 48 + k / HOSTILE_TEE_OWNER_CALLS;
	unsigned form = k % (2 * HOSTILE_CONDUITS);

	if (k >= 16 * HOSTILE_TEE_OWNER_CALLS) {
		uint32_t fn = 0x60 + (k - 16 * HOSTILE_TEE_OWNER_CALLS);

		c->r[0] = PSCI_ID(fn) | (fn & 1 ? SMCCC_64 : 0);
		return 0;
	}
	c->r[0] = SMCCC_FAST | owner << 24 | (form & 1 ? SMCCC_64 : 0) |
		  fns[k % HOSTILE_TEE_OWNER_CALLS / (2 * HOSTILE_CONDUITS)];
	return form / 2;
}

/* A TEE that is not there: SMCCC's NOT_SUPPORTED. */
static inline bool hostile_tee_refused(const struct hostile_call *c)
{
	return (int32_t)c->r[0] == SMCCC_NOT_SUPPORTED;
}

/* Writes why a firmware call's answer breaks SMCCC / PSCI; false if fine. */
static inline bool hostile_fw_check(const struct hostile_call *in,
				    const struct hostile_call *out,
				    const struct hostile_vm *vm, char *why,
				    size_t size)
{
	uint32_t id = (uint32_t)in->r[0];
	int32_t ret = (int32_t)out->r[0];
	unsigned owner = SMCCC_OWNER(id);
	unsigned fn = id & 0xffff;

	if (!(id & SMCCC_FAST) || (id & SMCCC_RESERVED) ||
	    (owner != SMCCC_OWNER_ARCH && owner != SMCCC_OWNER_STANDARD &&
	     owner != SMCCC_OWNER_VENDOR)) {
		/* Nobody implements these: SMCCC wants NOT_SUPPORTED. */
		if (ret != SMCCC_NOT_SUPPORTED) {
			format(why, size,
			       "unimplemented function answered %d, not "
			       "NOT_SUPPORTED",
			       ret);
			return true;
		}
		return false;
	}
	if (owner == SMCCC_OWNER_VENDOR && (id & SMCCC_64) && fn < 0xff00) {
		long st = (long)out->r[0];

		if (st > 0 || st < HS_BAD_DESC) {
			format(why, size, "status %ld is not in the list", st);
			return true;
		}
		if (fn >= HC_COUNT && st != HS_NOT_SUPPORTED) {
			format(why, size, "unknown call %u answered %ld", fn,
			       st);
			return true;
		}
		return false;
	}
	if (owner != SMCCC_OWNER_STANDARD)
		return false;
	switch (fn) {
	case PSCI_FN_CPU_ON:
		/* Every vCPU of the VM is on; nothing else may start. */
		if (ret == 0) {
			format(
			    why, size,
			    "CPU_ON succeeded, but every vCPU is on and mpidr "
			    "0x%lx %s",
			    in->r[1],
			    hostile_mpidr_is_own(in->r[1], vm)
				? "is one of them"
				: "is none of the VM's");
			return true;
		}
		break;
	case PSCI_FN_AFFINITY_INFO:
		if (in->r[2] != 0)
			break;
		if (hostile_mpidr_is_own(in->r[1], vm)
			? ret != 0
			: ret != PSCI_RET_INVALID_PARAMS) {
			format(why, size,
			       "AFFINITY_INFO(0x%lx, 0) answered %d (own vCPUs "
			       "are ON: 0, others INVALID_PARAMETERS: -2)",
			       in->r[1], ret);
			return true;
		}
		break;
	case PSCI_FN_FEATURES:
		if (ret < SMCCC_NOT_SUPPORTED) {
			format(why, size, "PSCI_FEATURES answered %d", ret);
			return true;
		}
		break;
	default:
		break;
	}
	return false;
}

/* ---- device accesses ---- */

/* One access of `width` bytes (1, 2, 4, 8) at `addr`, made as `how` says. */
static inline unsigned long hostile_mmio(unsigned long addr, unsigned width,
					 enum hostile_how how,
					 unsigned long value)
{
	unsigned long v = 0;
	unsigned sel = width == 1 ? 0 : width == 2 ? 1 : width == 4 ? 2 : 3;

	switch (how * 4 + sel) {
	case HOW_WRITE * 4 + 0:
		__asm__ volatile("strb %w0, [%1]"
				 :
				 : "rZ"(value), "r"(addr)
				 : "memory");
		break;
	case HOW_WRITE * 4 + 1:
		__asm__ volatile("strh %w0, [%1]"
				 :
				 : "rZ"(value), "r"(addr)
				 : "memory");
		break;
	case HOW_WRITE * 4 + 2:
		__asm__ volatile("str %w0, [%1]"
				 :
				 : "rZ"(value), "r"(addr)
				 : "memory");
		break;
	case HOW_WRITE * 4 + 3:
		__asm__ volatile("str %x0, [%1]"
				 :
				 : "rZ"(value), "r"(addr)
				 : "memory");
		break;
	case HOW_READ * 4 + 0:
		__asm__ volatile("ldrb %w0, [%1]"
				 : "=r"(v)
				 : "r"(addr)
				 : "memory");
		break;
	case HOW_READ * 4 + 1:
		__asm__ volatile("ldrh %w0, [%1]"
				 : "=r"(v)
				 : "r"(addr)
				 : "memory");
		break;
	case HOW_READ_SX32 * 4 + 0:
		__asm__ volatile("ldrsb %w0, [%1]"
				 : "=r"(v)
				 : "r"(addr)
				 : "memory");
		break;
	case HOW_READ_SX32 * 4 + 1:
		__asm__ volatile("ldrsh %w0, [%1]"
				 : "=r"(v)
				 : "r"(addr)
				 : "memory");
		break;
	case HOW_READ_SX64 * 4 + 0:
		__asm__ volatile("ldrsb %x0, [%1]"
				 : "=r"(v)
				 : "r"(addr)
				 : "memory");
		break;
	case HOW_READ_SX64 * 4 + 1:
		__asm__ volatile("ldrsh %x0, [%1]"
				 : "=r"(v)
				 : "r"(addr)
				 : "memory");
		break;
	case HOW_READ_SX64 * 4 + 2:
		__asm__ volatile("ldrsw %x0, [%1]"
				 : "=r"(v)
				 : "r"(addr)
				 : "memory");
		break;
	case HOW_READ_ZERO * 4 + 0:
		__asm__ volatile("ldrb wzr, [%0]" : : "r"(addr) : "memory");
		break;
	case HOW_READ_ZERO * 4 + 1:
		__asm__ volatile("ldrh wzr, [%0]" : : "r"(addr) : "memory");
		break;
	case HOW_READ_ZERO * 4 + 2:
		__asm__ volatile("ldr wzr, [%0]" : : "r"(addr) : "memory");
		break;
	case HOW_READ_ZERO * 4 + 3:
		__asm__ volatile("ldr xzr, [%0]" : : "r"(addr) : "memory");
		break;
	case HOW_READ * 4 + 2:
	case HOW_READ_SX32 * 4 +
	    2: /* a 32-bit load into w: nothing to extend */
		__asm__ volatile("ldr %w0, [%1]"
				 : "=r"(v)
				 : "r"(addr)
				 : "memory");
		break;
	default: /* 8 bytes: no extension either */
		__asm__ volatile("ldr %x0, [%1]"
				 : "=r"(v)
				 : "r"(addr)
				 : "memory");
		break;
	}
	return v;
}

/*
 * A device access no hypervisor can emulate from a trap: a load pair, two
 * registers from one access, which leaves no syndrome (ESR ISV = 0).
 */
#define HOSTILE_UNEMULABLE_NAME "a load pair at"
static inline unsigned long hostile_unemulable(unsigned long addr)
{
	unsigned long a, b;

	__asm__ volatile("ldp %0, %1, [%2]"
			 : "=r"(a), "=r"(b)
			 : "r"(addr)
			 : "memory");
	return a ^ b;
}

/* ---- the emulated windows ---- */

#define HOSTILE_UART_BASE 0x09000000ul
#define HOSTILE_GICD_SIZE 0x10000ul
#define HOSTILE_GICR_SIZE 0x20000ul /* per vCPU: RD frame, SGI frame */
#define HOSTILE_GICR_SGI  0x10000ul
/* The per-vCPU frames of WIN_INTC_LOCAL, and the second half of each. */
#define HOSTILE_LOCAL_FRAME  HOSTILE_GICR_SIZE
#define HOSTILE_LOCAL_SECOND HOSTILE_GICR_SGI
#define HOSTILE_TIMER_PPI    27u

static inline bool hostile_gicv3(void)
{
	return ((read_id_aa64pfr0() >> 24) & 0xf) != 0;
}

static inline unsigned hostile_windows(struct hostile_window *w,
				       const struct hostile_vm *vm)
{
	unsigned n = 0;

	w[n++] = (struct hostile_window){"GICD", GICD_BASE, HOSTILE_GICD_SIZE,
					 WIN_INTC_DIST};
	/* GICv2's CPU interface is the real GICV, passed through: not ours. */
	if (hostile_gicv3())
		w[n++] = (struct hostile_window){"GICR", GICR_BASE,
						 vm->vcpus * HOSTILE_GICR_SIZE,
						 WIN_INTC_LOCAL};
	w[n++] = (struct hostile_window){"PL011", HOSTILE_UART_BASE, 0x1000,
					 WIN_CONSOLE};
	return n;
}

/* The bit/byte-per-interrupt banks, as in GICD and the GICR SGI frame. */
HOSTILE_TABLE struct {
	uint16_t base, end;
	uint8_t bits;
} hostile_gic_banks[] = {
    {0x080, 0x100, 1}, /* IGROUPR */
    {0x100, 0x180, 1}, /* ISENABLER */
    {0x180, 0x200, 1}, /* ICENABLER */
    {0x200, 0x280, 1}, /* ISPENDR */
    {0x280, 0x300, 1}, /* ICPENDR */
    {0x300, 0x400, 1}, /* ISACTIVER, ICACTIVER */
    {0x400, 0x800, 8}, /* IPRIORITYR */
    {0x800, 0xc00, 8}, /* ITARGETSR */
    {0xc00, 0xd00, 2}, /* ICFGR */
    {0xd00, 0xf00, 1}, /* IGRPMODR, NSACR */
};

static inline int hostile_gic_bank(unsigned long off)
{
	for (unsigned i = 0;
	     i < sizeof(hostile_gic_banks) / sizeof(hostile_gic_banks[0]); i++)
		if (off >= hostile_gic_banks[i].base &&
		    off < hostile_gic_banks[i].end)
			return (int)i;
	return -1;
}

/* Widths (bit 0: 1 byte, 1: 2, 2: 4, 3: 8) of a bank register. */
static inline unsigned hostile_gic_bank_widths(int bank)
{
	return hostile_gic_banks[bank].bits == 8 ? 0x7 : 0x4;
}

/*
 * The widths Tessera's device models take at `off` (architecturally: GIC
 * registers are 32-bit, priority and target bytes also 8-bit, IROUTER and
 * GICR_TYPER also 64-bit; the PL011's are 8, 16 or 32-bit). Other widths
 * stop the VM ("bad emulated device access"): that is tested on its own.
 */
static inline unsigned hostile_mmio_widths(const struct hostile_window *w,
					   unsigned long off)
{
	int bank;

	switch (w->kind) {
	case WIN_INTC_DIST:
		bank = hostile_gic_bank(off);
		if (bank >= 0)
			return hostile_gic_bank_widths(bank);
		return off >= 0x6000 && off < 0x8000 ? 0xc : 0x4;
	case WIN_INTC_LOCAL:
		off %= HOSTILE_GICR_SIZE;
		if (off < HOSTILE_GICR_SGI)
			return off == 0x8 || off == 0xc ? 0xf : 0x4;
		bank = hostile_gic_bank(off - HOSTILE_GICR_SGI);
		return bank >= 0 ? hostile_gic_bank_widths(bank) : 0xf;
	default:
		return 0x7;
	}
}

/*
 * Keeps what the program needs in a bank of SGI/PPI registers (GICR SGI
 * frame, or GICD on GICv2): PPI 27, the timer, stays group 1, enabled and
 * at the guest's priority.
 */
static inline void hostile_tame_local(unsigned long off, unsigned width,
				      unsigned long *value)
{
	unsigned long prio = 0x400 + HOSTILE_TIMER_PPI;

	if (off == 0x080)
		*value |= 1ul << HOSTILE_TIMER_PPI;
	else if (off == 0x180 || off == 0x280)
		*value &= ~(1ul << HOSTILE_TIMER_PPI);
	else if (off <= prio && prio < off + width) {
		unsigned shift = (unsigned)(prio - off) * 8;

		*value = (*value & ~(0xfful << shift)) |
			 (unsigned long)GIC_PRIORITY << shift;
	}
}

/* What a taming did to an access. */
enum {
	TAME_SKIP = 1,	   /* do not make it */
	TAME_TRANSMIT = 2, /* a console character: *value & 0xff */
};

/*
 * Makes a write harmless to the program itself: the distributor keeps
 * group 1 (and only group 1) enabled, the timer's PPI its settings, and the
 * console transmits letters or newlines (only from CPU 0, so its lines never
 * mix with the progress lines; the rest of the value stays random).
 */
static inline unsigned hostile_mmio_tame(const struct hostile_window *w,
					 unsigned long off, unsigned width,
					 unsigned long *value, unsigned cpu)
{
	switch (w->kind) {
	case WIN_INTC_DIST:
		if (off == 0) /* GICD_CTLR: EnableGrp1 on, EnableGrp0 off */
			*value = (*value & ~3ul) | 2;
		else if (!hostile_gicv3() && off < 0x800)
			hostile_tame_local(off, width, value);
		return 0;
	case WIN_INTC_LOCAL:
		off %= HOSTILE_GICR_SIZE;
		if (off >= HOSTILE_GICR_SGI)
			hostile_tame_local(off - HOSTILE_GICR_SGI, width,
					   value);
		return 0;
	default:
		if (off >= 4) /* only UARTDR transmits */
			return 0;
		if (cpu != 0)
			return TAME_SKIP;
		*value = (*value & ~0xfful) |
			 ((*value & 0x1f) == 0 ? '\n' : 'a' + *value % 26);
		return TAME_TRANSMIT;
	}
}

/*
 * Isolation of interrupt state: a distributor read covering interrupts the
 * VM does not own (every SPI but its console's; SGIs and PPIs, which live
 * in the redistributors, on GICv3) must read zero in their fields.
 */
static inline bool hostile_mmio_check(const struct hostile_window *w,
				      unsigned long off, unsigned width,
				      unsigned long v,
				      const struct hostile_vm *vm, char *why,
				      size_t size)
{
	unsigned long mask = width == 8 ? ~0ul : (1ul << (width * 8)) - 1;
	int bank;

	if (w->kind != WIN_INTC_DIST)
		return false;
	v &= mask;
	if (off >= 0x6000 + 32 * 8 && off < 0x8000) {
		unsigned id = (unsigned)(off - 0x6000) / 8;

		if (id != vm->console_irq && v) {
			format(why, size,
			       "IROUTER of interrupt %u, not the VM's, reads "
			       "0x%lx",
			       id, v);
			return true;
		}
		return false;
	}
	bank = hostile_gic_bank(off);
	if (bank < 0)
		return false;
	unsigned bits = hostile_gic_banks[bank].bits;
	unsigned first =
	    (unsigned)(off - hostile_gic_banks[bank].base) * 8 / bits;

	for (unsigned i = 0; i < width * 8 / bits; i++) {
		unsigned id = first + i;
		unsigned long field = (v >> (i * bits)) & ((1ul << bits) - 1);

		if (id == vm->console_irq || (id < 32 && !hostile_gicv3()))
			continue;
		if (field) {
			format(why, size,
			       "interrupt %u, not the VM's, reads 0x%lx in "
			       "the bank at 0x%x",
			       id, field, hostile_gic_banks[bank].base);
			return true;
		}
	}
	return false;
}

/* The console's interrupt fired (the fuzz enabled it): silence it. */
static inline void hostile_irq_quiet(unsigned intid,
				     const struct hostile_vm *vm)
{
	if (intid == vm->console_irq) {
		mmio_write32(HOSTILE_UART_BASE + 0x38, 0);     /* IMSC */
		mmio_write32(HOSTILE_UART_BASE + 0x44, 0x7ff); /* ICR */
	}
}

/* ---- SGIs ---- */

#define HOSTILE_IPI_REGS 3
HOSTILE_TABLE char *const hostile_ipi_names[HOSTILE_IPI_REGS] = {
    "ICC_SGI1R_EL1", "ICC_ASGI1R_EL1", "ICC_SGI0R_EL1"};

/* A value for an SGI register: random, or a plausible shape. */
static inline unsigned long hostile_ipi_value(struct hrng *r)
{
	unsigned long v;

	if (hrng_one_in(r, 2))
		return hostile_arg(r);
	v = (unsigned long)hrng_below(r, 16) << 24; /* INTID */
	v |= hrng_one_in(r, 2) ? 1ul << hrng_below(r, 16)
			       : hrng_below(r, 0x10000); /* TargetList */
	if (hrng_one_in(r, 4))
		v |= (unsigned long)hrng_below(r, 256) << 16; /* Aff1 */
	if (hrng_one_in(r, 8))
		v |= (unsigned long)hrng_below(r, 256) << 32; /* Aff2 */
	if (hrng_one_in(r, 8))
		v |= (unsigned long)hrng_below(r, 256) << 48; /* Aff3 */
	if (hrng_one_in(r, 4))
		v |= 1ul << 40; /* IRM: every other PE */
	if (hrng_one_in(r, 8))
		v |= (unsigned long)hrng_below(r, 16) << 44; /* RS */
	return v;
}

/*
 * Writes `value` to SGI register `reg`: 0, 1, 2 as in hostile_ipi_names.
 * A register answers no status: 0.
 */
static inline long hostile_ipi(unsigned reg, unsigned long value)
{
	if (!hostile_gicv3()) { /* GICv2: GICD_SGIR, a 32-bit register */
		mmio_write32(GICD_BASE + 0xf00, (uint32_t)value);
		return 0;
	}
	__asm__ volatile("dsb ishst" : : : "memory");
	switch (reg) {
	case 0:
		__asm__ volatile("msr s3_0_c12_c11_5, %0" : : "r"(value));
		break;
	case 1:
		__asm__ volatile("msr s3_0_c12_c11_6, %0" : : "r"(value));
		break;
	default:
		__asm__ volatile("msr s3_0_c12_c11_7, %0" : : "r"(value));
		break;
	}
	__asm__ volatile("isb" : : : "memory");
	return 0;
}

/* Only delivery tells: an SGI register answers nothing. */
static inline bool hostile_ipi_refused(long status)
{
	(void)status;
	return true;
}

/*
 * SGI `sgi` for vCPUs the VM does not have: target lists beyond its vCPUs,
 * other Aff1 / Aff2 / Aff3, RS, "all others" with no other vCPU, through each
 * SGI register (GICv3), or GICD_SGIR's target list and filter (GICv2).
 */
#define HOSTILE_IPIS_BEYOND (8 * HOSTILE_IPI_REGS)

static inline unsigned hostile_ipis_beyond(unsigned vcpus, unsigned sgi,
					   struct hostile_ipi_beyond *b)
{
	const unsigned long intid = (unsigned long)sgi << 24;
	const unsigned long mine = (1ul << vcpus) - 1;
	const struct {
		unsigned long value;
		const char *what;
	} beyond[] = {
	    {intid | (0xfffful & ~mine), "Aff0 beyond our vCPUs"},
	    {intid | 1ul << 16 | 0xffff, "Aff1 = 1"},
	    {intid | 0xfful << 16 | 0xffff, "Aff1 = 255"},
	    {intid | 1ul << 32 | 0xffff, "Aff2 = 1"},
	    {intid | 1ul << 48 | 0xffff, "Aff3 = 1"},
	    {intid | 1ul << 44 | 0xffff, "RS = 1: Aff0 16..31"},
	    {intid | 0xfful << 48 | 0xfful << 32 | 0xfful << 16 | 0xffff,
	     "Aff3.Aff2.Aff1 = 255.255.255"},
	    {intid | 1ul << 40, "IRM: every other vCPU, and we have no other"},
	};
	unsigned n = 0;

	if (!hostile_gicv3()) { /* GICD_SGIR: target list in bits 16..23 */
		b[n++] =
		    (struct hostile_ipi_beyond){0, (0xfful & ~mine) << 16 | sgi,
						"targets beyond our vCPUs"};
		if (vcpus == 1) /* filter 1: every other CPU interface */
			b[n++] = (struct hostile_ipi_beyond){
			    0, 1ul << 24 | sgi, "every other vCPU"};
		return n;
	}
	for (unsigned i = 0; i < sizeof(beyond) / sizeof(beyond[0]); i++) {
		if (beyond[i].value & 1ul << 40 && vcpus != 1)
			continue;
		for (unsigned reg = 0; reg < HOSTILE_IPI_REGS; reg++)
			b[n++] = (struct hostile_ipi_beyond){
			    reg, beyond[i].value, beyond[i].what};
	}
	return n;
}

/* ---- writes for an interrupt the VM does not own ---- */

/*
 * Distributor writes for SPI `target`: group 1, priority 0, edge-triggered,
 * enabled, routed (GICv3) and targeted at the caller, pending, active; once
 * nothing was delivered, disabled and cleared.
 */
#define HOSTILE_IRQ_WRITES 10

static inline unsigned hostile_irq_writes(unsigned target,
					  struct hostile_irq_write *w)
{
	unsigned long word = GICD_BASE + target / 32 * 4;
	unsigned long bit = 1ul << (target % 32);
	unsigned long byte = GICD_BASE + (target & ~3ul);
	unsigned long lane = 0xfful << (target % 4 * 8);
	unsigned long cfg = GICD_BASE + target / 16 * 4;
	unsigned long cfg_bits = 3ul << (target % 16 * 2);
	unsigned n = 0;

	w[n++] = (struct hostile_irq_write){"group 1 for", word + 0x080, 4,
					    bit,	   bit,		 false};
	w[n++] = (struct hostile_irq_write){
	    "priority 0 for", byte + 0x400, 4, 0, lane, false};
	w[n++] = (struct hostile_irq_write){
	    "edge-triggering", cfg + 0xc00, 4, cfg_bits, cfg_bits, false};
	w[n++] = (struct hostile_irq_write){"enabling", word + 0x100, 4,
					    bit,	bit,	      false};
	if (hostile_gicv3())
		w[n++] = (struct hostile_irq_write){
		    "routing to ourselves",
		    GICD_BASE + 0x6000 + target * 8ul,
		    8,
		    read_mpidr() & 0xff00fffffful,
		    ~0ul,
		    false};
	w[n++] = (struct hostile_irq_write){
	    "targeting ourselves with", byte + 0x800, 4,
	    lane & 0x01010101,		lane,	      false};
	w[n++] = (struct hostile_irq_write){
	    "making pending", word + 0x200, 4, bit, bit, false};
	w[n++] = (struct hostile_irq_write){
	    "making active", word + 0x300, 4, bit, bit, false};
	w[n++] = (struct hostile_irq_write){"disabling", word + 0x180, 4,
					    bit,	 bit,	       true};
	w[n++] = (struct hostile_irq_write){"clearing", word + 0x280, 4,
					    bit,	bit,	      true};
	return n;
}

/* ---- addresses worth passing around ---- */

/*
 * QEMU virt's map as the VM (and the hypervisor) know it: flash, the GIC
 * and its ITS, the console, devices the VM does not own, RAM (whose first
 * 16 MiB the hypervisor occupies physically), past 1 GiB of RAM (other
 * VMs' memory, physically), PCIe, the edges of the 40-bit IPA space.
 */
HOSTILE_TABLE unsigned long hostile_addrs[] = {
    0x00000000ul,   0x04000000ul,    GICD_BASE,		GICC_BASE,
    0x08080000ul,   GICR_BASE,	     0x09000000ul,	0x09010000ul,
    0x09030000ul,   0x0a000000ul,    0x10000000ul,	0x3eff0000ul,
    0x40000000ul,   0x40080000ul,    0x41000000ul,	0x48000000ul,
    0x50000000ul,   0x7fe00000ul,    0x80000000ul,	0xc0000000ul,
    0xfffff000ul,   0x100000000ul,   0x4010000000ul,	0x8000000000ul,
    0xfffffff000ul, 0x10000000000ul, 0x1000000000000ul,
};

#endif
