/* SPDX-License-Identifier: Apache-2.0 */
/* The Arm parts of VMs and vCPUs that the core embeds (it never looks inside).
 */
#ifndef TESSERA_ARCH_VCPU_H
#define TESSERA_ARCH_VCPU_H

#include <stdint.h>

#include <lib/bitmap.h>
#include <lib/spinlock.h>

#define VGIC_MAX_IRQS	288u /* SGIs, PPIs and SPIs 32..287 as on QEMU virt */
#define VGIC_LOCAL_IRQS 32u

/*
 * General registers x0..x30; ELR_EL2 and SPSR_EL2 stay live in hardware.
 * While the vCPU runs, SP_EL2 points here and `hyp_sp` is where its
 * physical CPU's stack starts (boot.S).
 */
struct arch_regs {
	uint64_t x[31];
	uint64_t hyp_sp;
};

/* State of one virtual interrupt as the guest programmed it. */
struct virq {
	uint8_t prio;
	uint8_t enabled : 1;
	uint8_t pending : 1; /* waiting for a list register */
	uint8_t level : 1;   /* line level of an emulated device's interrupt */
	uint8_t hw : 1; /* backed by the physical interrupt of the same id */
	uint8_t edge : 1;
	uint8_t group1 : 1;
	uint8_t exists : 1; /* the VM owns this interrupt (SPIs) */
	uint8_t client : 1; /* a TEE's view of its client's line: may pend it */
	uint8_t target;	    /* vCPU an SPI is routed to */
	uint8_t sgi_src;    /* GICv2: the vCPU that sent a pending SGI */
};

/*
 * What a vCPU leaves in a physical CPU besides its general registers: saved
 * only when another vCPU takes the CPU (VM-stack), never on a plain trap.
 */
#define EL1_CNTV_CVAL 23 /* where the virtual timer's deadline is saved */

struct arch_context {
	uint64_t el1[26]; /* EL1 system registers, timer, ELR/SPSR_EL2 */
	uint64_t pauth[10];
	uint64_t lr[16]; /* list registers */
	uint32_t vmcr, hcr, apr0, apr1;
	__uint128_t fp[32] __attribute__((aligned(16)));
	uint64_t fpcr, fpsr;
};

struct arch_vcpu {
	uint64_t vmpidr;
	uint32_t cntv_ctl;
	struct arch_context ctx;
	uint32_t gicr_waker;
	struct virq local[VGIC_LOCAL_IRQS]; /* SGIs and PPIs */
	bitmap_t pending[BITMAP_WORDS(VGIC_MAX_IRQS)];
};

struct arch_vm {
	uint64_t *s2_root;
	uint16_t vmid;
	spinlock_t vgic_lock;
	uint32_t gicd_ctlr;
	/* A TEE: its interrupts (Group 1 Secure to it) are signalled as
	 * virtual IRQs, whatever group it programs. */
	uint8_t all_group1;
	struct virq spi[VGIC_MAX_IRQS - VGIC_LOCAL_IRQS];
};

#endif
