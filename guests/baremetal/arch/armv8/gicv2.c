/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GICv2: distributor and CPU interface in memory. Interrupts are put in
 * Group 1 and the CPU interface signals and acknowledges both groups as
 * IRQs, so delivery works whichever group a hypervisor's virtual CPU
 * interface (GICV) uses for what it injects.
 */
#include <guest.h>

#include <arch/gic.h>
#include <arch/mmio.h>

#define GICD_ITARGETSR	  0x0800
#define GICD_SGIR	  0x0f00
#define DCTLR_ENABLE_GRP0 (1u << 0)
#define DCTLR_ENABLE_GRP1 (1u << 1)

#define GICC_CTLR	  0x0000
#define GICC_PMR	  0x0004
#define GICC_BPR	  0x0008
#define GICC_IAR	  0x000c
#define GICC_EOIR	  0x0010
#define CCTLR_ENABLE_GRP0 (1u << 0)
#define CCTLR_ENABLE_GRP1 (1u << 1)
#define CCTLR_ACK_CTL	  (1u << 2) /* IAR also acknowledges Group 1 */

/* GICv2 targets CPU interfaces by a bit each, not by MPIDR. */
static uint8_t cpu_if_mask[GUEST_MAX_CPUS];

static void v2_init(void)
{
	mmio_write32(GICD_BASE + GICD_CTLR,
		     DCTLR_ENABLE_GRP0 | DCTLR_ENABLE_GRP1);
}

/*
 * The ITARGETSR bytes of SGIs and PPIs read as the reading CPU's own
 * interface bit; a uniprocessor GIC may read them as zero.
 */
static uint8_t own_interface_mask(unsigned cpu)
{
	uint8_t mask = (uint8_t)mmio_read32(GICD_BASE + GICD_ITARGETSR);

	return mask ? mask : (uint8_t)(1u << cpu);
}

static void v2_cpu_init(unsigned cpu)
{
	cpu_if_mask[cpu] = own_interface_mask(cpu);
	/* The registers for INTIDs 0..31 are banked per CPU. */
	mmio_write32(GICD_BASE + GICD_IGROUPR, ~0u);
	for (unsigned intid = 0; intid < 32; intid += 4)
		mmio_write32(GICD_BASE + GICD_IPRIORITYR + intid,
			     GIC_PRIORITY * 0x01010101u);
	mmio_write32(GICC_BASE + GICC_PMR, 0xff);
	mmio_write32(GICC_BASE + GICC_BPR, 0);
	mmio_write32(GICC_BASE + GICC_CTLR,
		     CCTLR_ENABLE_GRP0 | CCTLR_ENABLE_GRP1 | CCTLR_ACK_CTL);
}

static unsigned long v2_ack(void)
{
	return mmio_read32(GICC_BASE + GICC_IAR);
}

static void v2_eoi(unsigned long ack)
{
	/* The whole IAR value: for SGIs it names the source CPU too. */
	mmio_write32(GICC_BASE + GICC_EOIR, (uint32_t)ack);
}

static void v2_enable(unsigned intid, unsigned cpu)
{
	if (intid >= 32) {
		gic_set_bit(GICD_BASE + GICD_IGROUPR, intid);
		gic_set_byte(GICD_BASE + GICD_IPRIORITYR, intid, GIC_PRIORITY);
		gic_set_byte(GICD_BASE + GICD_ITARGETSR, intid,
			     cpu_if_mask[cpu]);
	}
	gic_set_bit(GICD_BASE + GICD_ISENABLER, intid);
}

static void v2_send_sgi(unsigned cpu, unsigned intid)
{
	uint32_t mask = cpu_if_mask[cpu] ? cpu_if_mask[cpu] : 1u << cpu;

	dsb_ishst();
	mmio_write32(GICD_BASE + GICD_SGIR, mask << 16 | intid);
}

const struct gic_ops gicv2_ops = {
    .name = "GICv2",
    .init = v2_init,
    .cpu_init = v2_cpu_init,
    .ack = v2_ack,
    .eoi = v2_eoi,
    .enable = v2_enable,
    .send_sgi = v2_send_sgi,
};
