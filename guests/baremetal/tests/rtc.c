/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A VM that owns QEMU virt's RTC and its interrupt (<arch/rtc.h>: Arm's
 * PL031 on interrupt 34, RISC-V's goldfish RTC on PLIC source 11) and uses
 * both: it sets the alarm one second ahead, ALARMS times, and takes each
 * alarm's interrupt. The isolation catalogue puts it next to VMs attacking
 * that device and that interrupt: it must not notice them.
 */
#include <stdatomic.h>

#include <guest.h>

#include <arch/rtc.h>

GUEST_TEST("rtc");

#define TIMEOUT_US 3000000 /* an alarm is at most a second away */

#ifndef ALARMS
#define ALARMS 3
#endif

static atomic_uint alarms;

static void on_alarm(unsigned intid, void *arg)
{
	(void)intid;
	(void)arg;
	if (!rtc_alarm_ack())
		test_print("interrupt %u without an alarm", RTC_SOURCE);
	atomic_fetch_add(&alarms, 1);
	cpu_notify();
}

void test_main(void)
{
	irq_register(RTC_IRQ, on_alarm, NULL);
	irq_enable(RTC_IRQ);
	test_print("start: RTC time %lu", (unsigned long)rtc_seconds());
	for (unsigned n = 1; n <= ALARMS; n++) {
		uint64_t at = rtc_seconds() + 1;

		rtc_alarm_at(at);
		WAIT_OR_FAIL(atomic_load(&alarms) >= n, TIMEOUT_US,
			     "the RTC alarm's interrupt");
		test_print("alarm %u: interrupt %u at RTC time %lu", n,
			   RTC_SOURCE, (unsigned long)at);
	}
	if (atomic_load(&alarms) != ALARMS)
		guest_fail("%u interrupts for %u alarms", atomic_load(&alarms),
			   ALARMS);
	test_pass();
}
