/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_ARMV8_SYSREG_H
#define TESSERA_ARMV8_SYSREG_H

#include <stdint.h>

#define sysreg_read(reg)                                      \
	({                                                    \
		uint64_t _v;                                  \
		__asm__ volatile("mrs %0, " #reg : "=r"(_v)); \
		_v;                                           \
	})

#define sysreg_write(reg, v) \
	__asm__ volatile("msr " #reg ", %0" ::"r"((uint64_t)(v)) : "memory")

#define isb()	 __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")

/* GICv3 system registers by encoding, so any assembler accepts them. */
#define ICC_IAR1_EL1	S3_0_C12_C12_0
#define ICC_EOIR1_EL1	S3_0_C12_C12_1
#define ICC_DIR_EL1	S3_0_C12_C11_1
#define ICC_SGI1R_EL1	S3_0_C12_C11_5
#define ICC_PMR_EL1	S3_0_C4_C6_0
#define ICC_CTLR_EL1	S3_0_C12_C12_4
#define ICC_SRE_EL1	S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_SRE_EL2	S3_4_C12_C9_5
#define ICH_HCR_EL2	S3_4_C12_C11_0
#define ICH_VTR_EL2	S3_4_C12_C11_1
#define ICH_MISR_EL2	S3_4_C12_C11_2
#define ICH_EISR_EL2	S3_4_C12_C11_3
#define ICH_ELRSR_EL2	S3_4_C12_C11_5
#define ICH_VMCR_EL2	S3_4_C12_C11_7

/* ESR_EL2 exception classes Tessera handles. */
#define EC_WFX	    0x01
#define EC_HVC64    0x16
#define EC_SMC64    0x17
#define EC_SYSREG   0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24

#define HCR_VM	 (1ull << 0)
#define HCR_SWIO (1ull << 1)
#define HCR_FMO	 (1ull << 3)
#define HCR_IMO	 (1ull << 4)
#define HCR_AMO	 (1ull << 5)
#define HCR_FB	 (1ull << 9)
#define HCR_TSC	 (1ull << 19)
#define HCR_RW	 (1ull << 31)
#define HCR_APK	 (1ull << 40)
#define HCR_API	 (1ull << 41)

#endif
