/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GICv2 and GICv3 drivers behind one interface, picked at boot: a single
 * guest binary runs on either.
 */
#ifndef ARCH_GIC_H
#define ARCH_GIC_H

#include <stdint.h>

/* QEMU virt's layout, which Tessera's VMs copy. */
#define GICD_BASE 0x08000000ul
#define GICC_BASE 0x08010000ul
#define GICR_BASE 0x080a0000ul

/* Distributor registers common to both versions. */
#define GICD_CTLR	0x0000
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_IPRIORITYR 0x0400

#define GIC_PRIORITY 0xa0 /* anything below the 0xff mask */
#define GIC_SPURIOUS 1020 /* INTIDs from here on are special */

struct gic_ops {
	const char *name;
	void (*init)(void);
	void (*cpu_init)(unsigned cpu);
	unsigned long (*ack)(void);
	void (*eoi)(unsigned long ack);
	void (*enable)(unsigned intid, unsigned cpu);
	void (*send_sgi)(unsigned cpu, unsigned intid);
};

extern const struct gic_ops gicv2_ops;
extern const struct gic_ops gicv3_ops;

/* Called by arch_cpu_init() on every CPU. */
void gic_cpu_init(unsigned cpu);

/* Sets bit (intid % 32) in the bank of 32-bit registers at base. */
void gic_set_bit(uintptr_t base, unsigned intid);
/* Sets intid's byte in a bank of byte-per-interrupt registers at base. */
void gic_set_byte(uintptr_t base, unsigned intid, uint8_t value);

#endif
