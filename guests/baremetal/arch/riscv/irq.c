/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interrupts without an interrupt controller: the guest needs only the
 * hart's local ones, the supervisor timer and software interrupts (no
 * PLIC). The 16 SGIs of the shared API share the one software interrupt: a
 * sender sets the SGI's bit in the target's pending mask, then has SBI raise
 * the target's SSIP; the target takes the bits it has enabled one by one.
 */
#include <stdatomic.h>

#include <arch/riscv.h>

static atomic_uint sgi_pending[GUEST_MAX_CPUS];
/* Each CPU's own enabled SGIs, written only by that CPU. */
static unsigned sgi_enabled[GUEST_MAX_CPUS];

const char *irqc_name(void)
{
	return "SBI";
}

void irq_cpu_init(unsigned cpu)
{
	(void)cpu;
	write_sie(SIE_SSIE);
}

static unsigned lowest_bit(unsigned v)
{
	unsigned n = 0;

	while (!(v >> n & 1))
		n++;
	return n;
}

unsigned long arch_irq_ack(void)
{
	unsigned cpu = cpu_id();
	unsigned long pending = read_sip() & read_sie();
	unsigned sgis;

	/* Cleared before the mask is read: a later send raises it again. */
	if (pending & SIP_SSIP)
		clear_sip(SIP_SSIP);
	sgis = atomic_load(&sgi_pending[cpu]) & sgi_enabled[cpu];
	if (sgis) {
		unsigned sgi = lowest_bit(sgis);

		atomic_fetch_and(&sgi_pending[cpu], ~(1u << sgi));
		return sgi;
	}
	/* Stays due until the handler sets a new deadline. */
	if (timer_due())
		return ARCH_TIMER_IRQ;
	return ARCH_IRQ_NONE;
}

unsigned arch_irq_intid(unsigned long ack)
{
	return (unsigned)ack;
}

void arch_irq_eoi(unsigned long ack)
{
	(void)ack;
}

void arch_irq_enable(unsigned intid, unsigned cpu)
{
	if (intid < ARCH_SGI_COUNT) {
		sgi_enabled[cpu] |= 1u << intid;
		set_sie(SIE_SSIE);
		/* One sent while disabled is still pending: take it now. */
		if (atomic_load(&sgi_pending[cpu]) >> intid & 1)
			set_sip(SIP_SSIP);
	} else if (intid == ARCH_TIMER_IRQ) {
		set_sie(SIE_STIE);
	} else {
		guest_fail("irq_enable(%u): no such interrupt", intid);
	}
}

void sgi_send(unsigned cpu, unsigned intid)
{
	long err;

	if (cpu >= GUEST_MAX_CPUS || intid >= ARCH_SGI_COUNT)
		guest_fail("sgi_send(%u, %u): no such target or SGI", cpu,
			   intid);
	atomic_fetch_or(&sgi_pending[cpu], 1u << intid);
	err = sbi_send_ipi(cpu_to_hart(cpu));
	if (err)
		guest_fail("SBI send_ipi to hart %lu failed: %ld",
			   cpu_to_hart(cpu), err);
}
