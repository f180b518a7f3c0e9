/* SPDX-License-Identifier: Apache-2.0 */
/*
 * QEMU virt's RTC on Arm, for tests/rtc.c: a PL031 at 0x09010000 on
 * interrupt 34. Its time counts seconds; its interrupt is level-sensitive.
 */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include <guest.h>

#include <arch/mmio.h>

#define RTC_BASE   0x09010000ul
#define RTC_SOURCE 34 /* the interrupt controller's number */
#define RTC_IRQ	   RTC_SOURCE
#define RTC_DR	   0x00 /* seconds */
#define RTC_MR	   0x04 /* alarm: interrupt when DR reaches it */
#define RTC_IMSC   0x10
#define RTC_MIS	   0x18
#define RTC_ICR	   0x1c

static inline uint64_t rtc_seconds(void)
{
	return mmio_read32(RTC_BASE + RTC_DR);
}

/* The alarm at `seconds`, with its interrupt enabled. */
static inline void rtc_alarm_at(uint64_t seconds)
{
	mmio_write32(RTC_BASE + RTC_IMSC, 1);
	mmio_write32(RTC_BASE + RTC_MR, (uint32_t)seconds);
}

/* Whether the alarm rang; lowers the interrupt either way. */
static inline bool rtc_alarm_ack(void)
{
	bool rang = mmio_read32(RTC_BASE + RTC_MIS) & 1;

	mmio_write32(RTC_BASE + RTC_ICR, 1);
	return rang;
}

#endif
