/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The demo's companion VM: takes a timer interrupt every 10 ms and prints
 * one line per second, so it shows it is alive without flooding a shell
 * that shares the console.
 */
#include <guest.h>

GUEST_TEST("heartbeat");

#define TICK_US	       10000
#define TICKS_PER_LINE 100

static void tick(unsigned long n)
{
	if (n % TICKS_PER_LINE == 0)
		test_print("alive: %lu timer interrupts", n);
}

void test_main(void)
{
	test_print("start, interrupt controller %s", irqc_name());
	timer_start_periodic(TICK_US, tick);
	for (;;)
		cpu_idle();
}
