/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bringing up the other vCPUs. They are started one at a time, each
 * awaited before the next, so boot output comes in a stable order.
 */
#include <stdatomic.h>

#include <guest.h>
#include <guest/arch_if.h>

/* Guest time; generous, since under -icount this counts instructions. */
#define BOOT_TIMEOUT_US 2000000

static atomic_uint online_mask;
static unsigned long hwid[GUEST_MAX_CPUS];
static void (*secondary_fn)(unsigned cpu);

void smp_set_hwid(unsigned cpu, unsigned long id)
{
	hwid[cpu] = id;
}

unsigned long cpu_hwid_of(unsigned cpu)
{
	return cpu < GUEST_MAX_CPUS ? hwid[cpu] : 0;
}

void smp_mark_online(unsigned cpu)
{
	atomic_fetch_or(&online_mask, 1u << cpu);
	cpu_notify();
}

bool cpu_online(unsigned cpu)
{
	return cpu < GUEST_MAX_CPUS && (atomic_load(&online_mask) >> cpu & 1);
}

void secondary_main(unsigned cpu)
{
	arch_cpu_init(cpu);
	smp_mark_online(cpu);
	irq_unmask();
	if (secondary_fn)
		secondary_fn(cpu);
	for (;;)
		cpu_idle();
}

unsigned vcpu_count(void)
{
	struct hc_ret r = hc_call(HC_VM_INFO, 0, 0, 0, 0, 0);
	unsigned n;

	if (r.status == HS_OK && r.r3)
		n = (unsigned)r.r3;
	else
		n = arch_cpu_probe_count();
	if (!n)
		n = GUEST_NCPUS;
	return n < GUEST_MAX_CPUS ? n : GUEST_MAX_CPUS;
}

unsigned smp_boot_all(unsigned n, void (*fn)(unsigned cpu))
{
	unsigned online = 1;

	if (n > GUEST_MAX_CPUS)
		n = GUEST_MAX_CPUS;
	secondary_fn = fn;
	for (unsigned cpu = 1; cpu < n; cpu++, online++) {
		long err;

		if (cpu_online(cpu))
			continue;
		err = arch_cpu_start(cpu);
		if (err)
			guest_fail("starting cpu %u failed: %ld", cpu, err);
		WAIT_OR_FAIL(cpu_online(cpu), BOOT_TIMEOUT_US,
			     "a started cpu to come up");
	}
	return online;
}
