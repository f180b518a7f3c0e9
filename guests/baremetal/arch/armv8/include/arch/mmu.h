/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The guest's stage-1 setup: an identity map with 1 GiB blocks from one
 * level-1 table (4 KiB granule, 39-bit VA). Plain numbers only: start.S
 * includes this.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

/* MAIR_EL1 attribute 0: Device-nGnRnE, attribute 1: Normal write-back. */
#define MAIR_DEVICE_IDX 0
#define MAIR_NORMAL_IDX 1
#define MAIR_VALUE	0xff00

/*
 * TCR_EL1: T0SZ=25, walks write-back cacheable and inner shareable, 4 KiB
 * granule, TTBR1 walks disabled (EPD1). IPS is added at run time from
 * ID_AA64MMFR0_EL1.PARange.
 */
#define TCR_T0SZ      25
#define TCR_VALUE     (TCR_T0SZ | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23))
#define TCR_IPS_SHIFT 32
#define TCR_IPS_MAX   5 /* 48 bits: larger needs 52-bit features */

/*
 * SCTLR_EL1: MMU, data and instruction caches, SP alignment checks, with
 * the bits that are RES1 in Armv8.0 set (their later meanings are all
 * backward compatible at 1). Alignment checking (A) stays off.
 */
#define SCTLR_M	  (1 << 0)
#define SCTLR_C	  (1 << 2)
#define SCTLR_SA  (1 << 3)
#define SCTLR_SA0 (1 << 4)
#define SCTLR_I	  (1 << 12)
#define SCTLR_RES1 \
	((1 << 11) | (1 << 20) | (1 << 22) | (1 << 23) | (1 << 28) | (1 << 29))
#define SCTLR_VALUE \
	(SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_SA0 | SCTLR_I)

#endif
