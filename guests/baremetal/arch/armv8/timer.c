/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtual generic timer (CNTV_*): the one a hypervisor leaves to its
 * guests. Its counter is CNTVCT_EL0, at CNTFRQ_EL0 Hz.
 */
#include <guest.h>
#include <guest/arch_if.h>

#define CNTV_CTL_ENABLE 1ul

/* CNTKCTL_EL1 event stream: enable, and which counter bit triggers it. */
#define CNTKCTL_EVNTEN	    (1ul << 2)
#define CNTKCTL_EVNTI_SHIFT 4
#define CNTKCTL_EVENT_MASK  (0x3ful << 2)

uint64_t arch_timer_freq(void)
{
	return read_cntfrq() & 0xffffffff;
}

uint64_t arch_timer_now(void)
{
	/* Without the ISB the read may happen early, out of program order. */
	isb();
	return read_cntvct();
}

void arch_timer_arm(uint64_t deadline)
{
	write_cntv_cval(deadline);
	write_cntv_ctl(CNTV_CTL_ENABLE);
	isb();
}

void arch_timer_disarm(void)
{
	write_cntv_ctl(0);
	isb();
}

/*
 * A wake-up event about every half millisecond, so a WFE waiting for a
 * wake-up that somehow never comes still re-checks its condition.
 */
static void event_stream_on(uint64_t freq)
{
	unsigned bit = 0;

	while (bit < 15 && (4000ull << bit) < freq)
		bit++;
	write_cntkctl((read_cntkctl() & ~CNTKCTL_EVENT_MASK) | CNTKCTL_EVNTEN |
		      (unsigned long)bit << CNTKCTL_EVNTI_SHIFT);
}

void timer_cpu_init(void)
{
	uint64_t freq = arch_timer_freq();

	if (!freq)
		guest_fail(
		    "CNTFRQ_EL0 is zero: nobody set the timer frequency");
	arch_timer_disarm();
	event_stream_on(freq);
}
