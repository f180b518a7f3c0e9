/* SPDX-License-Identifier: Apache-2.0 */
/* Private to arch/riscv: SBI, and what its files call across each other. */
#ifndef ARCH_RISCV_H
#define ARCH_RISCV_H

#include <guest.h>
#include <guest/arch_if.h>

/* SBI extensions and functions (SBI 2.0 numbering). */
#define SBI_EXT_BASE		0x10
#define SBI_BASE_PROBE_EXT	3
#define SBI_EXT_TIME		0x54494d45
#define SBI_TIME_SET_TIMER	0
#define SBI_EXT_IPI		0x735049
#define SBI_IPI_SEND		0
#define SBI_EXT_HSM		0x48534d
#define SBI_HSM_HART_START	0
#define SBI_HSM_HART_STATUS	2
#define SBI_EXT_SRST		0x53525354
#define SBI_SRST_SHUTDOWN	0
#define SBI_SRST_NO_REASON	0
#define SBI_EXT_LEGACY_SHUTDOWN 0x08

#define SBI_SUCCESS	      0
#define SBI_ERR_FAILED	      (-1)
#define SBI_ERR_NOT_SUPPORTED (-2)
#define SBI_ERR_INVALID_PARAM (-3)

struct sbiret {
	long error;
	long value;
};

/*
 * One ECALL: a7 = ext, a6 = fid, a0..a5 in; a0..a3 back (SBI itself only
 * returns a0 and a1, Tessera's HC_VM_INFO also a2 and a3).
 */
struct hc_ret riscv_ecall(unsigned long ext, unsigned long fid,
			  unsigned long a0, unsigned long a1, unsigned long a2,
			  unsigned long a3, unsigned long a4, unsigned long a5);

struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2);
bool sbi_probe(unsigned long ext);
void sbi_set_timer(uint64_t deadline);
bool timer_due(void);
/* Sets this CPU's timer to its armed deadline again, after a call that may
 * have moved it (the hostile guest's SBI TIME calls). */
void timer_rearm(void);
long sbi_send_ipi(unsigned long hartid);
long sbi_hart_start(unsigned long hartid, unsigned long entry,
		    unsigned long opaque);
/* The HSM state of a hart (0 started, 1 stopped...), or an SBI error. */
long sbi_hart_status(unsigned long hartid);

/* cpu.c: the hart that runs CPU n; called for n < GUEST_MAX_CPUS only. */
unsigned long cpu_to_hart(unsigned cpu);
void hart_map_init(void);
void irq_cpu_init(unsigned cpu);

/* start.S: where hart_start sends secondary CPUs, a1 = CPU index. */
void secondary_entry(void);

/* start.S -> C: CPU 0 once .bss is clear, the others once they have a stack. */
void boot_main(unsigned long hartid);
void secondary_boot(unsigned cpu, unsigned long hartid);

/* trap.S -> C, on a fresh stack. */
_Noreturn void exception_report(unsigned long scause, unsigned long sepc,
				unsigned long stval);

#endif
