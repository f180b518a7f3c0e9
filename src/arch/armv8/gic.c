/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Physical GICv2 / GICv3 driver. The hypervisor takes every interrupt at EL2
 * (HCR_EL2.IMO) with EOImode 1: acknowledging only drops the priority, and a
 * guest's interrupt stays active until the guest deactivates it through the
 * list register's hardware link.
 */
#include "gic.h"

#include "../../core/vm.h"
#include "sysreg.h"

unsigned gic_version;
unsigned gic_lr_count;

#define GICD_CTLR	0x000
#define GICD_IGROUPR	0x080
#define GICD_ISENABLER	0x100
#define GICD_ICENABLER	0x180
#define GICD_ISPENDR	0x200
#define GICD_ICPENDR	0x280
#define GICD_ICACTIVER	0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR	0x800
#define GICD_ICFGR	0xc00
#define GICD_SGIR	0xf00
#define GICD_IROUTER	0x6000
#define GICD_CTLR_RWP	(1u << 31)
#define GICR_TYPER	0x08
#define GICR_WAKER	0x14
#define GICR_SGI	0x10000
#define GICC_CTLR	0x00
#define GICC_PMR	0x04
#define GICC_IAR	0x0c
#define GICC_EOIR	0x10
#define GICC_DIR	0x1000
#define GICH_HCR	0x00
#define GICH_VTR	0x04
#define GICH_MISR	0x10
#define GICH_EISR0	0x20
#define GICH_ELRSR0	0x30
#define GICH_LR0	0x100

/* Per physical CPU: its redistributor (v3), affinity and v2 interface mask. */
static uintptr_t cpu_gicr[MAX_CPUS];
static uint64_t cpu_affinity[MAX_CPUS];
static uint8_t cpu_v2_mask[MAX_CPUS];

static inline volatile uint32_t *reg32(uintptr_t base, uintptr_t off)
{
	return (volatile uint32_t *)(base + off);
}

static inline volatile uint8_t *reg8(uintptr_t base, uintptr_t off)
{
	return (volatile uint8_t *)(base + off);
}

/* Registers of local interrupts (0..31): the redistributor on v3. */
static uintptr_t local_base(void)
{
	return gic_version == 3 ? cpu_gicr[arch_cpu_id()] + GICR_SGI
				: platform_gic.gicd;
}

static uintptr_t irq_base(uint32_t intid)
{
	return intid < 32 ? local_base() : platform_gic.gicd;
}

static void gicd_wait_rwp(void)
{
	if (gic_version == 3)
		while (*reg32(platform_gic.gicd, GICD_CTLR) & GICD_CTLR_RWP)
			;
}

static void dist_init(void)
{
	uint32_t lines = ((*reg32(platform_gic.gicd, 0x4) & 0x1f) + 1) * 32;

	*reg32(platform_gic.gicd, GICD_CTLR) = 0;
	gicd_wait_rwp();
	for (uint32_t i = 32; i < lines; i += 32) {
		*reg32(platform_gic.gicd, GICD_ICENABLER + i / 8) = ~0u;
		*reg32(platform_gic.gicd, GICD_ICPENDR + i / 8) = ~0u;
		*reg32(platform_gic.gicd, GICD_ICACTIVER + i / 8) = ~0u;
		*reg32(platform_gic.gicd, GICD_IGROUPR + i / 8) =
		    gic_version == 3 ? ~0u : 0;
	}
	for (uint32_t i = 32; i < lines; i++)
		*reg8(platform_gic.gicd, GICD_IPRIORITYR + i) = GIC_PRIO_GUEST;
	gicd_wait_rwp();
	/* v3: affinity routing + group 1; v2: both groups, group 0 as IRQ. */
	*reg32(platform_gic.gicd, GICD_CTLR) = gic_version == 3 ? 0x12 : 0x3;
	gicd_wait_rwp();
}

static uintptr_t find_gicr(uint64_t aff)
{
	for (uintptr_t r = platform_gic.gicr;; r += platform_gic.gicr_stride) {
		uint64_t typer = *(volatile uint64_t *)(r + GICR_TYPER);

		if ((typer >> 32) == aff)
			return r;
		if (typer & (1u << 4)) /* Last */
			panic("no redistributor for affinity %llx",
			      (unsigned long long)aff);
	}
}

static uint64_t mpidr_affinity(void)
{
	uint64_t m = sysreg_read(mpidr_el1);

	return (m & 0xffffff) | ((m >> 32) & 0xff) << 24;
}

static void local_init(void)
{
	uintptr_t base = local_base();

	*reg32(base, GICD_ICENABLER) = ~0u;
	*reg32(base, GICD_ICACTIVER) = ~0u;
	*reg32(base, GICD_IGROUPR) = gic_version == 3 ? ~0u : 0;
	for (uint32_t i = 0; i < 32; i++)
		*reg8(base, GICD_IPRIORITYR + i) =
		    i < 16 ? GIC_PRIO_HYP : GIC_PRIO_GUEST;
	gic_irq_enable(GIC_IPI_SGI, true);
	gic_irq_enable(GIC_MAINT_PPI, true);
	gic_irq_enable(GIC_HYP_TIMER_PPI, true);
	gic_irq_enable(GIC_VTIMER_PPI, true);
}

static void cpu_interface_init_v3(unsigned cpu)
{
	uintptr_t r;

	cpu_affinity[cpu] = mpidr_affinity();
	r = cpu_gicr[cpu] = find_gicr(cpu_affinity[cpu]);
	*reg32(r, GICR_WAKER) &= ~2u;
	while (*reg32(r, GICR_WAKER) & 4u)
		;
	sysreg_write(ICC_SRE_EL2, 0xf); /* SRE, DFB, DIB, EL1 may use SRE */
	isb();
	sysreg_write(ICC_PMR_EL1, 0xff);
	sysreg_write(ICC_CTLR_EL1, 2); /* EOImode: drop and deactivate apart */
	sysreg_write(ICC_IGRPEN1_EL1, 1);
	gic_lr_count = (sysreg_read(ICH_VTR_EL2) & 0x1f) + 1;
	isb();
}

static void cpu_interface_init_v2(unsigned cpu)
{
	uintptr_t c = platform_gic.gicc;

	/* Reading the SGI 0 target byte tells a CPU its own interface bit. */
	cpu_v2_mask[cpu] = *reg8(platform_gic.gicd, GICD_ITARGETSR);
	*reg32(c, GICC_PMR) = 0xff;
	*reg32(c, GICC_CTLR) = 0x3 | (1u << 9); /* both groups, EOImode */
	gic_lr_count = (*reg32(platform_gic.gich, GICH_VTR) & 0x3f) + 1;
}

void gic_cpu_init(bool primary)
{
	unsigned cpu = arch_cpu_id();

	if (primary) {
		gic_version =
		    ((sysreg_read(id_aa64pfr0_el1) >> 24) & 0xf) ? 3 : 2;
		dist_init();
	}
	if (gic_version == 3)
		cpu_interface_init_v3(cpu);
	else
		cpu_interface_init_v2(cpu);
	local_init();
	gic_hcr_write(GICH_HCR_EN);
}

uint32_t gic_ack(void)
{
	if (gic_version == 3)
		return (uint32_t)sysreg_read(ICC_IAR1_EL1);
	return *reg32(platform_gic.gicc, GICC_IAR);
}

void gic_priority_drop(uint32_t iar)
{
	if (gic_version == 3)
		sysreg_write(ICC_EOIR1_EL1, iar);
	else
		*reg32(platform_gic.gicc, GICC_EOIR) = iar;
}

void gic_deactivate(uint32_t iar)
{
	if (gic_version == 3)
		sysreg_write(ICC_DIR_EL1, iar);
	else
		*reg32(platform_gic.gicc, GICC_DIR) = iar;
}

void gic_send_ipi(unsigned cpu)
{
	uint64_t aff = cpu_affinity[cpu];

	if (gic_version == 2) {
		*reg32(platform_gic.gicd, GICD_SGIR) =
		    ((uint32_t)cpu_v2_mask[cpu] << 16) | GIC_IPI_SGI;
		return;
	}
	dsb(ishst);
	sysreg_write(ICC_SGI1R_EL1, (1ull << (aff & 0xf)) |
					((aff >> 8) & 0xff) << 16 |
					((aff >> 16) & 0xff) << 32 |
					((aff >> 24) & 0xff) << 48 |
					(uint64_t)GIC_IPI_SGI << 24);
	isb();
}

void gic_irq_enable(uint32_t intid, bool on)
{
	uintptr_t off = (on ? GICD_ISENABLER : GICD_ICENABLER) + intid / 32 * 4;

	*reg32(irq_base(intid), off) = 1u << (intid % 32);
}

void gic_irq_set_pending(uint32_t intid)
{
	*reg32(irq_base(intid), GICD_ISPENDR + intid / 32 * 4) =
	    1u << (intid % 32);
}

void gic_spi_route(uint32_t intid, unsigned cpu)
{
	if (gic_version == 3)
		*(volatile uint64_t *)(platform_gic.gicd + GICD_IROUTER +
				       intid * 8) = cpu_affinity[cpu];
	else
		*reg8(platform_gic.gicd, GICD_ITARGETSR + intid) =
		    cpu_v2_mask[cpu];
}

void gic_irq_configure(uint32_t intid, bool edge)
{
	volatile uint32_t *cfg =
	    reg32(irq_base(intid), GICD_ICFGR + intid / 16 * 4);
	unsigned shift = (intid % 16) * 2 + 1;

	*cfg = (*cfg & ~(1u << shift)) | (uint32_t)edge << shift;
}

/* ---- list registers ---- */

#define ICH_LR(n)  S3_4_C12_C12_##n
#define ICH_LR8(n) S3_4_C12_C13_##n
#define LR_CASE_READ(n, reg) \
	case n:              \
		return sysreg_read(reg)
#define LR_CASE_WRITE(n, reg)         \
	case n:                       \
		sysreg_write(reg, v); \
		return

static uint64_t ich_lr_read(unsigned n)
{
	switch (n) {
		LR_CASE_READ(0, ICH_LR(0));
		LR_CASE_READ(1, ICH_LR(1));
		LR_CASE_READ(2, ICH_LR(2));
		LR_CASE_READ(3, ICH_LR(3));
		LR_CASE_READ(4, ICH_LR(4));
		LR_CASE_READ(5, ICH_LR(5));
		LR_CASE_READ(6, ICH_LR(6));
		LR_CASE_READ(7, ICH_LR(7));
		LR_CASE_READ(8, ICH_LR8(0));
		LR_CASE_READ(9, ICH_LR8(1));
		LR_CASE_READ(10, ICH_LR8(2));
		LR_CASE_READ(11, ICH_LR8(3));
		LR_CASE_READ(12, ICH_LR8(4));
		LR_CASE_READ(13, ICH_LR8(5));
		LR_CASE_READ(14, ICH_LR8(6));
		LR_CASE_READ(15, ICH_LR8(7));
	}
	return 0;
}

static void ich_lr_write(unsigned n, uint64_t v)
{
	switch (n) {
		LR_CASE_WRITE(0, ICH_LR(0));
		LR_CASE_WRITE(1, ICH_LR(1));
		LR_CASE_WRITE(2, ICH_LR(2));
		LR_CASE_WRITE(3, ICH_LR(3));
		LR_CASE_WRITE(4, ICH_LR(4));
		LR_CASE_WRITE(5, ICH_LR(5));
		LR_CASE_WRITE(6, ICH_LR(6));
		LR_CASE_WRITE(7, ICH_LR(7));
		LR_CASE_WRITE(8, ICH_LR8(0));
		LR_CASE_WRITE(9, ICH_LR8(1));
		LR_CASE_WRITE(10, ICH_LR8(2));
		LR_CASE_WRITE(11, ICH_LR8(3));
		LR_CASE_WRITE(12, ICH_LR8(4));
		LR_CASE_WRITE(13, ICH_LR8(5));
		LR_CASE_WRITE(14, ICH_LR8(6));
		LR_CASE_WRITE(15, ICH_LR8(7));
	}
}

static struct gic_lr lr_decode_v3(uint64_t v)
{
	return (struct gic_lr){
	    .vintid = (uint32_t)v,
	    .pintid = (v >> 32) & 0x1fff,
	    .prio = (v >> 48) & 0xff,
	    .state = (v >> 62) & 3,
	    .hw = (v >> 61) & 1,
	    .group1 = (v >> 60) & 1,
	    .eoi_maint = !((v >> 61) & 1) && ((v >> 41) & 1),
	};
}

static uint64_t lr_encode_v3(const struct gic_lr *lr)
{
	uint64_t v = lr->vintid | (uint64_t)lr->prio << 48 |
		     (uint64_t)lr->state << 62 | (uint64_t)lr->group1 << 60;

	if (lr->hw)
		v |= 1ull << 61 | (uint64_t)lr->pintid << 32;
	else if (lr->eoi_maint)
		v |= 1ull << 41;
	return v;
}

static struct gic_lr lr_decode_v2(uint32_t v)
{
	bool hw = v >> 31;

	return (struct gic_lr){
	    .vintid = v & 0x3ff,
	    .pintid = hw ? (v >> 10) & 0x3ff : 0,
	    .src = hw ? 0 : (v >> 10) & 7,
	    .prio = ((v >> 23) & 0x1f) << 3,
	    .state = (v >> 28) & 3,
	    .hw = hw,
	    .group1 = (v >> 30) & 1,
	    .eoi_maint = !hw && ((v >> 19) & 1),
	};
}

static uint32_t lr_encode_v2(const struct gic_lr *lr)
{
	uint32_t v = lr->vintid | (uint32_t)(lr->prio >> 3) << 23 |
		     (uint32_t)lr->state << 28 | (uint32_t)lr->group1 << 30;

	if (lr->hw)
		v |= 1u << 31 | lr->pintid << 10;
	else
		v |= (uint32_t)lr->src << 10 | (uint32_t)lr->eoi_maint << 19;
	return v;
}

uint64_t gic_lr_raw_read(unsigned n)
{
	if (gic_version == 3)
		return ich_lr_read(n);
	return *reg32(platform_gic.gich, GICH_LR0 + 4 * n);
}

void gic_lr_raw_write(unsigned n, uint64_t v)
{
	if (gic_version == 3)
		ich_lr_write(n, v);
	else
		*reg32(platform_gic.gich, GICH_LR0 + 4 * n) = (uint32_t)v;
}

struct gic_lr gic_lr_read(unsigned n)
{
	if (gic_version == 3)
		return lr_decode_v3(ich_lr_read(n));
	return lr_decode_v2(*reg32(platform_gic.gich, GICH_LR0 + 4 * n));
}

void gic_lr_write(unsigned n, const struct gic_lr *lr)
{
	if (gic_version == 3)
		ich_lr_write(n, lr_encode_v3(lr));
	else
		*reg32(platform_gic.gich, GICH_LR0 + 4 * n) = lr_encode_v2(lr);
}

uint64_t gic_lr_empty_mask(void)
{
	uint64_t all = (1ull << gic_lr_count) - 1;

	if (gic_version == 3)
		return sysreg_read(ICH_ELRSR_EL2) & all;
	return *reg32(platform_gic.gich, GICH_ELRSR0) & all;
}

uint32_t gic_vcpu_groups_enabled(void)
{
	/* VENG0 / VENG1 (v3), VMGrp0En / VMGrp1En (v2): bits 0 and 1. */
	if (gic_version == 3)
		return (uint32_t)sysreg_read(ICH_VMCR_EL2) & 3;
	return *reg32(platform_gic.gich, 0x08) & 3;
}

uint32_t gic_hcr_read(void)
{
	if (gic_version == 3)
		return (uint32_t)sysreg_read(ICH_HCR_EL2);
	return *reg32(platform_gic.gich, GICH_HCR);
}

void gic_hcr_write(uint32_t v)
{
	if (gic_version == 3)
		sysreg_write(ICH_HCR_EL2, v);
	else
		*reg32(platform_gic.gich, GICH_HCR) = v;
}

uint32_t gic_misr(void)
{
	if (gic_version == 3)
		return (uint32_t)sysreg_read(ICH_MISR_EL2);
	return *reg32(platform_gic.gich, GICH_MISR);
}

uint64_t gic_eoi_mask(void)
{
	if (gic_version == 3)
		return sysreg_read(ICH_EISR_EL2);
	return *reg32(platform_gic.gich, GICH_EISR0);
}
