/* SPDX-License-Identifier: Apache-2.0 */
/*
 * 20 ticks of a 10 ms periodic timer on CPU 0, then PASS and system off.
 * Fails if the ticks come faster than the period allows.
 */
#include <guest.h>

GUEST_TEST("ticks");

#define TICK_US	   10000
#define TICKS	   20
#define TIMEOUT_US (TICKS * TICK_US * 50)

static void tick(unsigned long n)
{
	test_print("tick %lu", n);
}

void test_main(void)
{
	uint64_t start, took;

	test_print("start, interrupt controller %s", irqc_name());
	start = time_us();
	timer_start_periodic(TICK_US, tick);
	WAIT_OR_FAIL(timer_ticks() >= TICKS, TIMEOUT_US, "timer ticks");
	timer_stop();
	took = time_us() - start;
	test_print("%u ticks in %lu us", TICKS, (unsigned long)took);
	/* The ticks are deadlines TICK_US apart: sooner would be a bug. */
	if (took < TICKS * TICK_US)
		guest_fail("%u ticks came in %lu us, under %u us", TICKS,
			   (unsigned long)took, TICKS * TICK_US);
	test_pass();
}
