/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A VM that owns QEMU virt's PL031 RTC (0x09010000, interrupt 34) and uses
 * both: it sets the alarm one second ahead, ALARMS times, and takes each
 * alarm's interrupt. The isolation catalogue puts it next to VMs attacking
 * that device and that interrupt: it must not notice them.
 */
#include <stdatomic.h>

#include <guest.h>

#include <arch/mmio.h>

GUEST_TEST("rtc");

#define RTC_BASE   0x09010000ul
#define RTC_DR	   0x00 /* seconds */
#define RTC_MR	   0x04 /* alarm: interrupt when DR reaches it */
#define RTC_IMSC   0x10
#define RTC_MIS	   0x18
#define RTC_ICR	   0x1c
#define RTC_IRQ	   34
#define TIMEOUT_US 3000000 /* an alarm is at most a second away */

#ifndef ALARMS
#define ALARMS 3
#endif

static atomic_uint alarms;

static void on_alarm(unsigned intid, void *arg)
{
	(void)intid;
	(void)arg;
	if (!(mmio_read32(RTC_BASE + RTC_MIS) & 1))
		test_print("interrupt %u without an alarm", RTC_IRQ);
	mmio_write32(RTC_BASE + RTC_ICR, 1); /* level-sensitive: lower it */
	atomic_fetch_add(&alarms, 1);
	cpu_notify();
}

void test_main(void)
{
	irq_register(RTC_IRQ, on_alarm, NULL);
	irq_enable(RTC_IRQ);
	mmio_write32(RTC_BASE + RTC_IMSC, 1);
	test_print("start: RTC time %u", mmio_read32(RTC_BASE + RTC_DR));
	for (unsigned n = 1; n <= ALARMS; n++) {
		uint32_t at = mmio_read32(RTC_BASE + RTC_DR) + 1;

		mmio_write32(RTC_BASE + RTC_MR, at);
		WAIT_OR_FAIL(atomic_load(&alarms) >= n, TIMEOUT_US,
			     "the RTC alarm's interrupt");
		test_print("alarm %u: interrupt %u at RTC time %u", n, RTC_IRQ,
			   at);
	}
	if (atomic_load(&alarms) != ALARMS)
		guest_fail("%u interrupts for %u alarms", atomic_load(&alarms),
			   ALARMS);
	test_pass();
}
