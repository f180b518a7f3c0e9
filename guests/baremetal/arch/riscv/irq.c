/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interrupts: the hart's local ones (the supervisor timer and software
 * interrupts) and, once a test enables one, the PLIC's sources on the hart's
 * S-mode context. The 16 SGIs of the shared API share the one software
 * interrupt: a sender sets the SGI's bit in the target's pending mask, then
 * has SBI raise the target's SSIP; the target takes the bits it has enabled
 * one by one.
 */
#include <stdatomic.h>

#include <arch/mmio.h>
#include <arch/riscv.h>

/* QEMU virt's PLIC; a hart's S-mode context is 2 * hart id + 1. */
#define PLIC_BASE	    0x0c000000ul
#define PLIC_ENABLE(ctx)    (PLIC_BASE + 0x2000ul + (ctx)*0x80ul)
#define PLIC_THRESHOLD(ctx) (PLIC_BASE + 0x200000ul + (ctx)*0x1000ul)
#define PLIC_CLAIM(ctx)	    (PLIC_THRESHOLD(ctx) + 4)

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

static unsigned long plic_context(void)
{
	return 2 * cpu_to_hart(cpu_id()) + 1;
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
	/* The claim: QEMU 7.2 does not show a guest SEIP in sip either. */
	if (read_sie() & SIE_SEIE) {
		uint32_t src = mmio_read32(PLIC_CLAIM(plic_context()));

		if (src)
			return ARCH_PLIC_IRQ(src);
	}
	return ARCH_IRQ_NONE;
}

unsigned arch_irq_intid(unsigned long ack)
{
	return (unsigned)ack;
}

void arch_irq_eoi(unsigned long ack)
{
	if (ack >= ARCH_PLIC_IRQ(1))
		mmio_write32(PLIC_CLAIM(plic_context()),
			     (uint32_t)(ack - ARCH_PLIC_IRQ(0)));
}

/* Source `src` at priority 1 on this hart's context, which takes them all. */
static void plic_enable(uint32_t src)
{
	unsigned long ctx = plic_context();
	uintptr_t word = PLIC_ENABLE(ctx) + src / 32 * 4;

	mmio_write32(PLIC_BASE + src * 4, 1);
	mmio_write32(word, mmio_read32(word) | 1u << (src % 32));
	mmio_write32(PLIC_THRESHOLD(ctx), 0);
	set_sie(SIE_SEIE);
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
	} else if (intid > ARCH_PLIC_IRQ(0) && intid < ARCH_PLIC_IRQ(1024)) {
		plic_enable(intid - ARCH_PLIC_IRQ(0));
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
