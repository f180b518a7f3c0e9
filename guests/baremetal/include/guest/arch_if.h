/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What each architecture under arch/ provides to the shared core. Private to
 * the guest library: test programs use <guest.h>.
 */
#ifndef GUEST_ARCH_IF_H
#define GUEST_ARCH_IF_H

#include <stdint.h>

/* Once, on CPU 0, before anything else: find the interrupt controller. */
void arch_init(void);
/* On every CPU as it comes up: its interrupt controller interface, timer. */
void arch_cpu_init(unsigned cpu);

void arch_console_putc(char c);

/* Takes the highest-priority pending interrupt; ARCH_IRQ_NONE if none. */
#define ARCH_IRQ_NONE (~0u)
unsigned long arch_irq_ack(void);
unsigned arch_irq_intid(unsigned long ack);
void arch_irq_eoi(unsigned long ack);
void arch_irq_enable(unsigned intid, unsigned cpu);

uint64_t arch_timer_freq(void);
uint64_t arch_timer_now(void);
/* Raises the timer interrupt once the counter reaches deadline. */
void arch_timer_arm(uint64_t deadline);
void arch_timer_disarm(void);

/* Starts a CPU at the secondary entry point; 0 or a firmware error. */
long arch_cpu_start(unsigned cpu);
/* How many CPUs the firmware knows of, or 0 if it cannot tell. */
unsigned arch_cpu_probe_count(void);

/* Core entry points called from the arch's assembly. */
void guest_main(void);
void secondary_main(unsigned cpu);
void irq_handle(void);
void smp_mark_online(unsigned cpu);
void smp_set_hwid(unsigned cpu, unsigned long hwid);
/* Lets a dying CPU print even if it died holding the console lock. */
void console_recover(void);

#endif
