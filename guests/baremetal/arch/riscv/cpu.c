/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Harts and CPUs, and the report of exceptions nobody expects.
 *
 * CPU 0 is whichever hart entered the image: under Tessera hart 0 of the
 * VM, natively the boot hart OpenSBI picked, which may be any. CPUs 1..n-1
 * are the other harts in increasing hart id order, as SBI HSM
 * hart_get_status finds them among hart ids 0..GUEST_MAX_CPUS-1; a firmware
 * without hart_get_status is taken to have all of them.
 */
#include <arch/riscv.h>

/* HSM hart states at or above 0 are all "this hart exists". */
#define HSM_STARTED 0

static unsigned long boot_hart;
static unsigned long cpu_hart[GUEST_MAX_CPUS];
static unsigned cpus_mapped;
static bool hsm_status_works;

unsigned long cpu_to_hart(unsigned cpu)
{
	return cpu_hart[cpu];
}

void hart_map_init(void)
{
	unsigned n = 1;

	cpu_hart[0] = boot_hart;
	hsm_status_works = sbi_hart_status(boot_hart) == HSM_STARTED;
	for (unsigned long h = 0; h < GUEST_MAX_CPUS && n < GUEST_MAX_CPUS;
	     h++) {
		if (h == boot_hart)
			continue;
		if (hsm_status_works && sbi_hart_status(h) < 0)
			continue;
		cpu_hart[n++] = h;
	}
	cpus_mapped = n;
}

void boot_main(unsigned long hartid)
{
	boot_hart = hartid;
	smp_set_hwid(0, hartid);
	guest_main();
}

void secondary_boot(unsigned cpu, unsigned long hartid)
{
	smp_set_hwid(cpu, hartid);
	secondary_main(cpu);
}

void arch_init(void)
{
	hart_map_init();
}

void arch_cpu_init(unsigned cpu)
{
	arch_timer_disarm();
	irq_cpu_init(cpu);
}

long arch_cpu_start(unsigned cpu)
{
	if (cpu >= cpus_mapped)
		return SBI_ERR_INVALID_PARAM;
	/* The new hart must see everything written so far. */
	__asm__ volatile("fence rw, rw" : : : "memory");
	return sbi_hart_start(cpu_hart[cpu], (unsigned long)secondary_entry,
			      cpu);
}

unsigned arch_cpu_probe_count(void)
{
	return hsm_status_works ? cpus_mapped : 0;
}

static const char *const exception_names[] = {
    [0] = "instruction address misaligned",
    [1] = "instruction access fault",
    [2] = "illegal instruction",
    [3] = "breakpoint",
    [4] = "load address misaligned",
    [5] = "load access fault",
    [6] = "store address misaligned",
    [7] = "store access fault",
    [8] = "environment call from U-mode",
    [9] = "environment call from S-mode",
    [12] = "instruction page fault",
    [13] = "load page fault",
    [15] = "store page fault",
    [18] = "software check",
    [19] = "hardware error",
};

static const char *exception_name(unsigned long scause)
{
	if (scause >> SCAUSE_IRQ_SHIFT)
		return "interrupt";
	if (scause < sizeof(exception_names) / sizeof(exception_names[0]) &&
	    exception_names[scause])
		return exception_names[scause];
	return "exception";
}

/* Set once a CPU reports: a fault while reporting parks it instead. */
static volatile bool reporting[GUEST_MAX_CPUS];

void exception_report(unsigned long scause, unsigned long sepc,
		      unsigned long stval)
{
	unsigned cpu = cpu_id();

	if (reporting[cpu])
		cpu_park();
	reporting[cpu] = true;
	console_recover();
	test_print("unexpected exception (%s): scause 0x%lx sepc 0x%lx "
		   "stval 0x%lx",
		   exception_name(scause), scause, sepc, stval);
	system_off();
	cpu_park();
}
