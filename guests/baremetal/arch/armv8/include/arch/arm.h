/* SPDX-License-Identifier: Apache-2.0 */
/* Private to arch/armv8: what its files call across each other. */
#ifndef ARCH_ARM_H
#define ARCH_ARM_H

#include <guest.h>
#include <guest/arch_if.h>

/* An SMCCC fast call through HVC #0: x0..x5 in, x0..x3 out. */
struct hc_ret smccc_hvc(unsigned long id, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5);
/* The same through SMC #0: the conduit of a VM's trusted OS. */
struct hc_ret smccc_smc(unsigned long id, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5);

void timer_cpu_init(void);

/* start.S: where CPU_ON sends secondary CPUs, x0 = CPU index. */
void secondary_entry(void);

/* vectors.S -> C: vector is the slot number 0..15 in the table. */
_Noreturn void exception_report(unsigned vector, unsigned long esr,
				unsigned long elr, unsigned long far);

#endif
