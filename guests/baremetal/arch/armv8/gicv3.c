/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GICv3: distributor and redistributors in memory, the CPU interface in
 * ICC_* system registers. Everything the guest uses is Group 1
 * (non-secure), which is what a guest of a hypervisor gets anyway.
 */
#include <guest.h>

#include <arch/gic.h>
#include <arch/mmio.h>

/* GICD_CTLR bits; the same write suits the secure and non-secure views. */
#define CTLR_ENABLE_G1	(1u << 0)
#define CTLR_ENABLE_G1A (1u << 1)
#define CTLR_ARE_NS	(1u << 4)
#define CTLR_RWP	(1u << 31)
#define GICD_IROUTER	0x6000

/* Redistributor: the RD frame, then the SGI/PPI frame 64 KiB further on. */
#define GICR_STRIDE	      0x20000ul
#define GICR_MAX_FRAMES	      128
#define GICR_TYPER	      0x0008
#define GICR_WAKER	      0x0014
#define GICR_SGI	      0x10000ul
#define TYPER_LAST	      (1u << 4)
#define WAKER_SLEEP	      (1u << 1)
#define WAKER_CHILDREN_ASLEEP (1u << 2)

#define ICC_SRE_SRE 1ul

/* Register waits are short; a bound keeps a broken GIC from hanging us. */
#define POLL_LIMIT 1000000

static uintptr_t rd_base[GUEST_MAX_CPUS];

static void wait_rwp(void)
{
	for (int i = 0; i < POLL_LIMIT; i++)
		if (!(mmio_read32(GICD_BASE + GICD_CTLR) & CTLR_RWP))
			return;
	guest_fail("GICv3 distributor stuck in RWP");
}

static void v3_init(void)
{
	mmio_write32(GICD_BASE + GICD_CTLR,
		     CTLR_ARE_NS | CTLR_ENABLE_G1A | CTLR_ENABLE_G1);
	wait_rwp();
}

/* MPIDR_EL1 affinity packed the way GICR_TYPER[63:32] holds it. */
static uint32_t mpidr_to_aff32(unsigned long mpidr)
{
	return (uint32_t)((mpidr >> 8 & 0xff000000) | (mpidr & 0xffffff));
}

/* Our own redistributor: frames are in no particular CPU order. */
static uintptr_t find_rd(void)
{
	uint32_t want = mpidr_to_aff32(read_mpidr());

	for (unsigned i = 0; i < GICR_MAX_FRAMES; i++) {
		uintptr_t rd = GICR_BASE + i * GICR_STRIDE;
		uint64_t typer = mmio_read64(rd + GICR_TYPER);

		if ((uint32_t)(typer >> 32) == want)
			return rd;
		if (typer & TYPER_LAST)
			break;
	}
	guest_fail("no GICv3 redistributor for mpidr 0x%lx", read_mpidr());
}

static void wake_rd(uintptr_t rd)
{
	uint32_t waker = mmio_read32(rd + GICR_WAKER);

	mmio_write32(rd + GICR_WAKER, waker & ~WAKER_SLEEP);
	for (int i = 0; i < POLL_LIMIT; i++)
		if (!(mmio_read32(rd + GICR_WAKER) & WAKER_CHILDREN_ASLEEP))
			return;
	guest_fail("GICv3 redistributor does not wake up");
}

static void setup_sgi_ppi(uintptr_t sgi)
{
	mmio_write32(sgi + GICD_IGROUPR, ~0u);
	for (unsigned intid = 0; intid < 32; intid += 4)
		mmio_write32(sgi + GICD_IPRIORITYR + intid,
			     GIC_PRIORITY * 0x01010101u);
}

static void cpu_interface_on(void)
{
	write_icc_sre(read_icc_sre() | ICC_SRE_SRE);
	isb();
	if (!(read_icc_sre() & ICC_SRE_SRE))
		guest_fail("ICC_SRE_EL1.SRE does not stick");
	write_icc_pmr(0xff);
	write_icc_bpr1(0);
	write_icc_igrpen1(1);
	isb();
}

static void v3_cpu_init(unsigned cpu)
{
	uintptr_t rd = find_rd();

	rd_base[cpu] = rd;
	wake_rd(rd);
	setup_sgi_ppi(rd + GICR_SGI);
	cpu_interface_on();
}

static unsigned long v3_ack(void)
{
	return read_icc_iar1();
}

static void v3_eoi(unsigned long ack)
{
	write_icc_eoir1(ack);
}

static void v3_enable(unsigned intid, unsigned cpu)
{
	uintptr_t sgi = rd_base[cpu] + GICR_SGI;

	if (intid < 32) {
		gic_set_bit(sgi + GICD_ISENABLER, intid);
		return;
	}
	gic_set_bit(GICD_BASE + GICD_IGROUPR, intid);
	gic_set_byte(GICD_BASE + GICD_IPRIORITYR, intid, GIC_PRIORITY);
	mmio_write64(GICD_BASE + GICD_IROUTER + intid * 8ul,
		     read_mpidr() & 0xff00ffffffull);
	gic_set_bit(GICD_BASE + GICD_ISENABLER, intid);
}

/* ICC_SGI1R_EL1: one target by affinity, Aff0 as a bit in a 16-CPU range. */
static void v3_send_sgi(unsigned cpu, unsigned intid)
{
	unsigned long mpidr =
	    cpu_online(cpu) ? cpu_hwid_of(cpu) : cpu_index_to_mpidr(cpu);
	unsigned long aff0 = mpidr & 0xff;
	unsigned long v = (mpidr >> 32 & 0xff) << 48 |
			  (mpidr >> 16 & 0xff) << 32 | (aff0 >> 4) << 44 |
			  (unsigned long)intid << 24 |
			  (mpidr >> 8 & 0xff) << 16 | 1ul << (aff0 & 0xf);

	dsb_ishst();
	write_icc_sgi1r(v);
	isb();
}

const struct gic_ops gicv3_ops = {
    .name = "GICv3",
    .init = v3_init,
    .cpu_init = v3_cpu_init,
    .ack = v3_ack,
    .eoi = v3_eoi,
    .enable = v3_enable,
    .send_sgi = v3_send_sgi,
};
