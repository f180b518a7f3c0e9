/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Periodic ticks on each CPU's own timer. Deadlines advance by exactly one
 * period so ticks do not drift with interrupt latency; a CPU that fell more
 * than a period behind (a descheduled vCPU) restarts from now instead of
 * firing a burst of stale ticks.
 */
#include <guest.h>
#include <guest/arch_if.h>

struct periodic {
	uint64_t period;
	uint64_t deadline;
	unsigned long count;
	tick_fn fn;
};

static struct periodic periodic[GUEST_MAX_CPUS];

static void timer_irq(unsigned intid, void *arg)
{
	struct periodic *p = &periodic[cpu_id()];
	uint64_t now = arch_timer_now();

	(void)intid;
	(void)arg;
	p->deadline += p->period;
	if (p->deadline <= now)
		p->deadline = now + p->period;
	arch_timer_arm(p->deadline);
	p->count++;
	if (p->fn)
		p->fn(p->count);
}

void timer_start_periodic(unsigned long us, tick_fn fn)
{
	struct periodic *p = &periodic[cpu_id()];

	p->period = us * arch_timer_freq() / 1000000;
	if (!p->period)
		p->period = 1;
	p->count = 0;
	p->fn = fn;
	p->deadline = arch_timer_now() + p->period;
	irq_register(ARCH_TIMER_IRQ, timer_irq, NULL);
	arch_timer_arm(p->deadline);
	irq_enable(ARCH_TIMER_IRQ);
}

void timer_stop(void)
{
	arch_timer_disarm();
}

unsigned long timer_ticks(void)
{
	return periodic[cpu_id()].count;
}

uint64_t time_us(void)
{
	uint64_t t = arch_timer_now(), f = arch_timer_freq();

	/* Split to keep t * 1000000 from overflowing. */
	return t / f * 1000000 + t % f * 1000000 / f;
}
