/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Per-CPU bring-up and the report of exceptions nobody expects: the test
 * guest cannot recover from them, so it names what happened in one line and
 * powers off rather than hang where a test would only see a timeout.
 */
#include <arch/arm.h>
#include <arch/gic.h>

void arch_cpu_init(unsigned cpu)
{
	smp_set_hwid(cpu, read_mpidr());
	timer_cpu_init();
	gic_cpu_init(cpu);
}

/* The vector table's four groups of four, in table order. */
static const char *const vector_origin[] = {
    "EL1 with SP_EL0",
    "EL1",
    "EL0 (AArch64)",
    "EL0 (AArch32)",
};
static const char *const vector_kind[] = {"sync", "IRQ", "FIQ", "SError"};

void exception_report(unsigned vector, unsigned long esr, unsigned long elr,
		      unsigned long far)
{
	console_recover();
	test_print("unexpected %s exception from %s: ESR_EL1 0x%lx "
		   "ELR_EL1 0x%lx FAR_EL1 0x%lx",
		   vector_kind[vector % 4], vector_origin[vector / 4 % 4], esr,
		   elr, far);
	system_off();
	cpu_park();
}
