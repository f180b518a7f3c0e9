/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The supervisor timer through SBI TIME set_timer, which every firmware and
 * hypervisor has (Sstc's stimecmp might not be there). The counter is the
 * time CSR, at GUEST_TIMEBASE_HZ.
 */
#include <arch/riscv.h>

uint64_t arch_timer_freq(void)
{
	return GUEST_TIMEBASE_HZ;
}

uint64_t arch_timer_now(void)
{
	return read_time();
}

/* Each CPU's armed deadline: see timer_due(). */
static uint64_t deadline_of[GUEST_MAX_CPUS] = {[0 ... GUEST_MAX_CPUS - 1] =
						   UINT64_MAX};

void arch_timer_arm(uint64_t deadline)
{
	deadline_of[cpu_id()] = deadline;
	sbi_set_timer(deadline);
}

void timer_rearm(void)
{
	sbi_set_timer(deadline_of[cpu_id()]);
}

void arch_timer_disarm(void)
{
	deadline_of[cpu_id()] = UINT64_MAX;
	sbi_set_timer(UINT64_MAX);
}

/*
 * Whether this CPU's timer interrupt is what arrived. Decided from the
 * deadline, not from sip.STIP: QEMU 7.2 does not show a guest (VS-mode) its
 * timer bit in sip, only SSIP.
 */
bool timer_due(void)
{
	return (read_sie() & SIE_STIE) && read_time() >= deadline_of[cpu_id()];
}
