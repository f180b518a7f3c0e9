/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SBI calls and Tessera hypercalls: both are ECALLs to the next more
 * privileged level (OpenSBI in M-mode natively, Tessera in HS-mode in a
 * VM), told apart by the extension id in a7.
 */
#include <arch/riscv.h>

struct hc_ret riscv_ecall(unsigned long ext, unsigned long fid,
			  unsigned long a0, unsigned long a1, unsigned long a2,
			  unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r3 __asm__("a3") = a3;
	register unsigned long r4 __asm__("a4") = a4;
	register unsigned long r5 __asm__("a5") = a5;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;

	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
			 : "r"(r4), "r"(r5), "r"(r6), "r"(r7)
			 : "memory");
	return (struct hc_ret){(long)r0, r1, r2, r3};
}

struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2)
{
	struct hc_ret r = riscv_ecall(ext, fid, a0, a1, a2, 0, 0, 0);

	return (struct sbiret){r.status, (long)r.r1};
}

bool sbi_probe(unsigned long ext)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, ext, 0, 0);

	return r.error == SBI_SUCCESS && r.value != 0;
}

/* Also clears a pending timer interrupt; UINT64_MAX means never. */
void sbi_set_timer(uint64_t deadline)
{
	sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, deadline, 0, 0);
}

/* One target: hart_mask bit 0, hart_mask_base = the hart id. */
long sbi_send_ipi(unsigned long hartid)
{
	return sbi_call(SBI_EXT_IPI, SBI_IPI_SEND, 1, hartid, 0).error;
}

long sbi_hart_start(unsigned long hartid, unsigned long entry,
		    unsigned long opaque)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, entry, opaque)
	    .error;
}

long sbi_hart_status(unsigned long hartid)
{
	struct sbiret r =
	    sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, hartid, 0, 0);

	return r.error ? r.error : r.value;
}

/* SRST if the firmware has it, else the legacy shutdown (SBI 0.1). */
void system_off(void)
{
	sbi_call(SBI_EXT_SRST, SBI_SRST_SHUTDOWN, SBI_SRST_SHUTDOWN,
		 SBI_SRST_NO_REASON, 0);
	sbi_call(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0);
}

/*
 * Tessera: a7 = TESSERA_SBI_EXT, a6 = the function number, arguments in
 * a0..a4, status in a0, results in a1..a3. A firmware without the
 * extension answers SBI_ERR_NOT_SUPPORTED, which is also HS_INVALID's value:
 * only the extension probe tells them apart, and HS_NOT_SUPPORTED is what
 * "no Tessera here" reads as on Arm too.
 */
struct hc_ret hc_call(unsigned long fn, unsigned long a1, unsigned long a2,
		      unsigned long a3, unsigned long a4, unsigned long a5)
{
	struct hc_ret r =
	    riscv_ecall(TESSERA_SBI_EXT, fn, a1, a2, a3, a4, a5, 0);

	if (r.status == SBI_ERR_NOT_SUPPORTED && !sbi_probe(TESSERA_SBI_EXT))
		r = (struct hc_ret){HS_NOT_SUPPORTED, 0, 0, 0};
	return r;
}
