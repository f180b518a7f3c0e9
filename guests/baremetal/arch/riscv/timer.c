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

void arch_timer_arm(uint64_t deadline)
{
	sbi_set_timer(deadline);
}

void arch_timer_disarm(void)
{
	sbi_set_timer(UINT64_MAX);
}
