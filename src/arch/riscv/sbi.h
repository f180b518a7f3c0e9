/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The SBI (v2.0 numbering), both ways: calls the hypervisor makes to the
 * firmware below it (OpenSBI), and the SBI the hypervisor implements for
 * its guests (sbi.c).
 */
#ifndef TESSERA_RISCV_SBI_H
#define TESSERA_RISCV_SBI_H

#include <stdint.h>

#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_PUTCHAR	 0x01
#define SBI_EXT_LEGACY_GETCHAR	 0x02
#define SBI_EXT_LEGACY_LAST	 0x0f
#define SBI_EXT_BASE		 0x10
#define SBI_EXT_TIME		 0x54494d45 /* "TIME" */
#define SBI_EXT_IPI		 0x735049   /* "sPI" */
#define SBI_EXT_RFENCE		 0x52464e43 /* "RFNC" */
#define SBI_EXT_HSM		 0x48534d   /* "HSM" */
#define SBI_EXT_SRST		 0x53525354 /* "SRST" */
#define SBI_EXT_DBCN		 0x4442434e /* "DBCN" */

#define SBI_SUCCESS		  0
#define SBI_ERR_FAILED		  (-1)
#define SBI_ERR_NOT_SUPPORTED	  (-2)
#define SBI_ERR_INVALID_PARAM	  (-3)
#define SBI_ERR_DENIED		  (-4)
#define SBI_ERR_INVALID_ADDRESS	  (-5)
#define SBI_ERR_ALREADY_AVAILABLE (-6)

#define SBI_HSM_HART_START	    0
#define SBI_RFENCE_HFENCE_GVMA_VMID 3
#define SBI_RFENCE_HFENCE_GVMA	    4
#define SBI_SRST_SHUTDOWN	    0

struct sbiret {
	int64_t error;
	uint64_t value;
};

/* A call to the firmware: extension in a7, function in a6, arguments a0..a4. */
static inline struct sbiret sbi_ecall5(uint64_t ext, uint64_t fid,
				       uint64_t arg0, uint64_t arg1,
				       uint64_t arg2, uint64_t arg3,
				       uint64_t arg4)
{
	register uint64_t a0 __asm__("a0") = arg0;
	register uint64_t a1 __asm__("a1") = arg1;
	register uint64_t a2 __asm__("a2") = arg2;
	register uint64_t a3 __asm__("a3") = arg3;
	register uint64_t a4 __asm__("a4") = arg4;
	register uint64_t a6 __asm__("a6") = fid;
	register uint64_t a7 __asm__("a7") = ext;

	__asm__ volatile("ecall"
			 : "+r"(a0), "+r"(a1)
			 : "r"(a2), "r"(a3), "r"(a4), "r"(a6), "r"(a7)
			 : "memory");
	return (struct sbiret){(int64_t)a0, a1};
}

static inline struct sbiret sbi_ecall(uint64_t ext, uint64_t fid, uint64_t arg0,
				      uint64_t arg1, uint64_t arg2)
{
	return sbi_ecall5(ext, fid, arg0, arg1, arg2, 0, 0);
}

struct vcpu;
/* An ECALL from a guest (VS-mode), routed by its extension id. */
void sbi_guest_call(struct vcpu *vcpu);

#endif
