/* SPDX-License-Identifier: Apache-2.0 */
/* The RISC-V parts of VMs and vCPUs that the core embeds (it never looks
 * inside). */
#ifndef TESSERA_ARCH_VCPU_H
#define TESSERA_ARCH_VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include <lib/bitmap.h>
#include <lib/spinlock.h>

/* PLIC sources 1..VPLIC_SOURCES-1 (QEMU virt has 96); 0 means "none". */
#define VPLIC_SOURCES 128u

/*
 * What the trap entry saves (offsets are used by boot.S). The general
 * registers are kept in calling-convention order: x[0..7] are a0..a7 (x10 to
 * x17), where every call takes its arguments and leaves its results, at the
 * indexes of Arm's x0..x7, so arch-neutral code (the VM-stack's invoke
 * results) can set a call's results in regs.x[0..]. Then come x0..x9 (x[8]
 * is the zero register's unused slot) and x18..x31 at their own numbers.
 * sepc and the two status registers whose SPP / SPV say where sret returns
 * to follow; `hyp_sp` is this CPU's stack top, where the entry switches to.
 */
struct arch_regs {
	uint64_t x[32];
	uint64_t sepc;
	uint64_t sstatus;
	uint64_t hstatus;
	uint64_t hyp_sp;
};

#define REG_A0 0u

/* The slot of architectural register x`r` in arch_regs.x. */
static inline unsigned reg_slot(unsigned r)
{
	if (r >= 10 && r <= 17)
		return r - 10;
	return r < 10 ? r + 8 : r;
}

/*
 * What a vCPU leaves in a hart besides its trap frame: saved only when
 * another vCPU takes the CPU (VM-stack), never on a plain trap.
 */
struct arch_context {
	uint64_t vsstatus, hie, vstvec, vsscratch, vsepc, vscause, vstval;
	uint64_t vsatp, hvip, vstimecmp;
	uint64_t fp[32];
	uint64_t fcsr;
};

struct arch_vcpu {
	/* Virtual interrupt lines, set by other CPUs, applied on this one. */
	uint32_t ssip; /* an IPI (SBI send_ipi) is waiting for VSSIP */
	uint32_t seip; /* the vPLIC's line for this vCPU's S-mode context */
	/* Remote fences (SBI RFENCE): requested vs done, compared by sequence.
	 */
	uint32_t fence_req;
	uint32_t fence_done;
	/* This vCPU's vPLIC context (2 * id + 1). */
	uint32_t threshold;
	bitmap_t enable[BITMAP_WORDS(VPLIC_SOURCES)];
	/* Without Sstc: the guest's SBI set_timer deadline, kept by us. */
	uint64_t deadline;
	struct arch_context ctx;
};

/* One source of a VM's vPLIC. */
struct vplic_src {
	uint8_t prio;
	uint8_t claimer; /* vCPU whose context claimed it while in flight */
	uint8_t route;	 /* vCPU whose hart the physical source is enabled on */
	uint8_t exists : 1; /* the VM owns it, or it is its console's */
	uint8_t hw : 1;	    /* backed by the physical source of the same id */
	uint8_t level : 1;  /* line level of an emulated device */
	uint8_t in_flight : 1; /* claimed, not completed */
	uint8_t routed : 1;    /* the physical source is enabled on `route` */
	uint8_t latched : 1; /* an edge of a virtual one came while in flight */
};

struct arch_vm {
	uint64_t *s2_root; /* Sv39x4: 16 KiB, 16 KiB aligned */
	uint16_t vmid;
	bool live; /* has run: its translations may be cached on any hart */
	spinlock_t plic_lock;
	struct vplic_src src[VPLIC_SOURCES];
	bitmap_t exists[BITMAP_WORDS(VPLIC_SOURCES)];
	bitmap_t
	    pending[BITMAP_WORDS(VPLIC_SOURCES)]; /* never while in flight */
};

#endif
