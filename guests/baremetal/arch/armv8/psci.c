/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PSCI and Tessera hypercalls: both are SMCCC fast calls through HVC #0.
 */
#include <arch/arm.h>

static long psci_call(unsigned long fn, unsigned long a1, unsigned long a2,
		      unsigned long a3)
{
	return smccc_hvc(fn, a1, a2, a3, 0, 0).status;
}

long psci_version(void)
{
	return psci_call(PSCI_VERSION, 0, 0, 0);
}

long psci_cpu_on(unsigned long target_mpidr, unsigned long entry,
		 unsigned long context)
{
	/* The new CPU starts with its caches off: finish our stores first. */
	__asm__ volatile("dsb sy" : : : "memory");
	return psci_call(PSCI_CPU_ON, target_mpidr, entry, context);
}

long psci_cpu_off(void)
{
	return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

long psci_affinity_info(unsigned long target_mpidr, unsigned long level)
{
	return psci_call(PSCI_AFFINITY_INFO, target_mpidr, level, 0);
}

long psci_system_off(void)
{
	return psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
}

long psci_system_reset(void)
{
	return psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
}

void system_off(void)
{
	psci_system_off();
}

struct hc_ret hc_call(unsigned long fn, unsigned long a1, unsigned long a2,
		      unsigned long a3, unsigned long a4, unsigned long a5)
{
	/* OR, not add: a full TESSERA_SMCCC_FN() id passes through as is. */
	return smccc_hvc(TESSERA_SMCCC_FN(fn), a1, a2, a3, a4, a5);
}

long arch_cpu_start(unsigned cpu)
{
	return psci_cpu_on(cpu_index_to_mpidr(cpu),
			   (unsigned long)secondary_entry, cpu);
}

/* AFFINITY_INFO answers INVALID_PARAMETERS for an MPIDR with no CPU. */
unsigned arch_cpu_probe_count(void)
{
	unsigned n = 0;

	while (n < GUEST_MAX_CPUS &&
	       psci_affinity_info(cpu_index_to_mpidr(n), 0) >= 0)
		n++;
	return n;
}
