/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_ARCH_GIC_H
#define TESSERA_ARCH_GIC_H

#include <stdint.h>

/* Where a board's GIC frames are; GICv2 boards fill gicc/gich/gicv, v3 gicr. */
struct gic_layout {
	uintptr_t gicd;
	uintptr_t gicc;
	uintptr_t gich;
	uintptr_t gicv;
	uintptr_t gicr;
	uintptr_t gicr_stride;
};

extern const struct gic_layout platform_gic;

#endif
