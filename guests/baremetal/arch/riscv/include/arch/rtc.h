/* SPDX-License-Identifier: Apache-2.0 */
/*
 * QEMU virt's RTC on RISC-V, for tests/rtc.c: a goldfish RTC at 0x101000
 * on PLIC source 11. Its time counts nanoseconds (reading the low word
 * latches the high one); its interrupt is level-sensitive.
 */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include <guest.h>

#include <arch/mmio.h>

#define RTC_BASE	    0x00101000ul
#define RTC_SOURCE	    11 /* the PLIC's number */
#define RTC_IRQ		    ARCH_DEVICE_IRQ(RTC_SOURCE)
#define RTC_TIME_LOW	    0x00
#define RTC_TIME_HIGH	    0x04
#define RTC_ALARM_LOW	    0x08
#define RTC_ALARM_HIGH	    0x0c
#define RTC_IRQ_ENABLED	    0x10
#define RTC_ALARM_STATUS    0x18
#define RTC_CLEAR_INTERRUPT 0x1c
#define RTC_NS		    1000000000ull

static inline uint64_t rtc_seconds(void)
{
	uint64_t low = mmio_read32(RTC_BASE + RTC_TIME_LOW);

	return ((uint64_t)mmio_read32(RTC_BASE + RTC_TIME_HIGH) << 32 | low) /
	       RTC_NS;
}

/* The alarm at `seconds`, with its interrupt enabled. */
static inline void rtc_alarm_at(uint64_t seconds)
{
	uint64_t ns = seconds * RTC_NS;

	mmio_write32(RTC_BASE + RTC_IRQ_ENABLED, 1);
	mmio_write32(RTC_BASE + RTC_ALARM_HIGH, (uint32_t)(ns >> 32));
	mmio_write32(RTC_BASE + RTC_ALARM_LOW, (uint32_t)ns);
}

/*
 * Whether the alarm rang (it is no longer armed); lowers the interrupt
 * either way.
 */
static inline bool rtc_alarm_ack(void)
{
	bool rang = !(mmio_read32(RTC_BASE + RTC_ALARM_STATUS) & 1);

	mmio_write32(RTC_BASE + RTC_CLEAR_INTERRUPT, 1);
	return rang;
}

#endif
