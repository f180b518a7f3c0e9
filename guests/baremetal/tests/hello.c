/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The demo guest: a tick line every 10 ms on CPU 0, forever unless built
 * with -DTICKS=n, after which it powers off.
 */
#include <guest.h>

GUEST_TEST("hello");

#ifndef TICKS
#define TICKS 0 /* forever */
#endif

static void tick(unsigned long n)
{
	test_print("tick %lu", n);
}

void test_main(void)
{
	test_print("start");
	test_print("interrupt controller %s", irqc_name());
	timer_start_periodic(10000, tick);
#if TICKS == 0
	for (;;)
		cpu_idle();
#else
	/* Checked with interrupts masked, so the last tick cannot slip by. */
	irq_mask();
	while (timer_ticks() < TICKS) {
		cpu_idle();
		irq_unmask();
		irq_mask();
	}
	timer_stop();
	irq_unmask();
	test_print("done after %u ticks", TICKS);
	system_off();
#endif
}
