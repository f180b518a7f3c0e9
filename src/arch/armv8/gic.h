/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The physical GIC (v2 or v3, found at boot) as the rest of the Arm layer
 * uses it: acknowledge / drop / deactivate, SPI routing, IPIs, and the
 * hypervisor control interface's list registers in one neutral format.
 */
#ifndef TESSERA_ARMV8_GIC_H
#define TESSERA_ARMV8_GIC_H

#include <arch/gic.h>

#include "../../core/hyp.h"

#define GIC_SPURIOUS	  1020u
#define GIC_IPI_SGI	  0u /* the hypervisor's own inter-CPU signal */
#define GIC_MAINT_PPI	  25u
#define GIC_HYP_TIMER_PPI 26u /* CNTHP: deadlines of parents under a child */
#define GIC_VTIMER_PPI	  27u

#define GIC_PRIO_HYP   0x80u
#define GIC_PRIO_GUEST 0xa0u

enum lr_state { LR_INVALID = 0, LR_PENDING = 1, LR_ACTIVE = 2, LR_BOTH = 3 };

struct gic_lr {
	uint32_t vintid;
	uint32_t pintid; /* hw only */
	uint8_t prio;
	uint8_t state;
	bool hw;
	bool group1;
	bool eoi_maint; /* ask for a maintenance interrupt at deactivation */
	uint8_t src;	/* GICv2 SGI source CPU */
};

extern unsigned gic_version; /* 2 or 3 */
extern unsigned gic_lr_count;

void gic_cpu_init(bool primary);
uint32_t gic_ack(void);
void gic_priority_drop(uint32_t iar);
void gic_deactivate(uint32_t iar);
void gic_send_ipi(unsigned cpu);
void gic_irq_enable(uint32_t intid, bool on);
/* Make a physical interrupt pending, as its device would. */
void gic_irq_set_pending(uint32_t intid);
void gic_spi_route(uint32_t intid, unsigned cpu);
void gic_irq_configure(uint32_t intid, bool edge);

struct gic_lr gic_lr_read(unsigned n);
/* A list register as the hardware holds it, for saving a vCPU whole. */
uint64_t gic_lr_raw_read(unsigned n);
void gic_lr_raw_write(unsigned n, uint64_t v);
void gic_lr_write(unsigned n, const struct gic_lr *lr);
uint64_t gic_lr_empty_mask(void);
uint32_t gic_hcr_read(void);
/* Which groups the loaded vCPU has enabled at its CPU interface (bit 0, 1). */
uint32_t gic_vcpu_groups_enabled(void);
void gic_hcr_write(uint32_t v);
uint32_t gic_misr(void);
uint64_t gic_eoi_mask(void);

#define GICH_HCR_EN   1u
#define GICH_HCR_UIE  2u
#define GICH_MISR_EOI 1u
#define GICH_MISR_U   2u

#endif
