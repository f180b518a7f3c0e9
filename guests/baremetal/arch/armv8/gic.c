/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Picks the GIC driver at boot and forwards the core's interrupt hooks to
 * it. ID_AA64PFR0_EL1.GIC tells whether the GICv3 system-register CPU
 * interface exists; QEMU and Tessera both clear it for a GICv2 machine.
 */
#include <guest.h>
#include <guest/arch_if.h>

#include <arch/gic.h>
#include <arch/mmio.h>

static const struct gic_ops *gic;

void gic_set_bit(uintptr_t base, unsigned intid)
{
	uintptr_t reg = base + (intid / 32) * 4;

	mmio_write32(reg, mmio_read32(reg) | 1u << (intid % 32));
}

void gic_set_byte(uintptr_t base, unsigned intid, uint8_t value)
{
	/* Word access: a trapping hypervisor need not emulate byte access. */
	uintptr_t reg = base + (intid & ~3u);
	unsigned shift = (intid % 4) * 8;
	uint32_t v = mmio_read32(reg);

	v &= ~(0xffu << shift);
	mmio_write32(reg, v | (uint32_t)value << shift);
}

static bool has_gicv3_sysregs(void)
{
	return ((read_id_aa64pfr0() >> 24) & 0xf) != 0;
}

void arch_init(void)
{
	gic = has_gicv3_sysregs() ? &gicv3_ops : &gicv2_ops;
	gic->init();
}

const char *irqc_name(void)
{
	return gic->name;
}

unsigned long arch_irq_ack(void)
{
	return gic->ack();
}

unsigned arch_irq_intid(unsigned long ack)
{
	/* Both versions keep the INTID low; GICv2 puts the SGI source above. */
	unsigned intid =
	    (unsigned)(ack & (gic == &gicv3_ops ? 0xffffff : 0x3ff));

	return intid >= GIC_SPURIOUS ? ARCH_IRQ_NONE : intid;
}

void arch_irq_eoi(unsigned long ack)
{
	gic->eoi(ack);
}

void arch_irq_enable(unsigned intid, unsigned cpu)
{
	gic->enable(intid, cpu);
}

void sgi_send(unsigned cpu, unsigned intid)
{
	if (cpu >= GUEST_MAX_CPUS || intid > 15)
		guest_fail("sgi_send(%u, %u): no such target or SGI", cpu,
			   intid);
	gic->send_sgi(cpu, intid);
}

void gic_cpu_init(unsigned cpu)
{
	gic->cpu_init(cpu);
}
