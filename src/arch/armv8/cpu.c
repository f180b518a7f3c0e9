/* SPDX-License-Identifier: Apache-2.0 */
/* Bringing a physical CPU to a known EL2 state, and the CPU-level hooks. */
#include "../../core/arch.h"
#include "../../core/mem.h"
#include "../../core/platform.h"
#include "../../core/vm.h"
#include "gic.h"
#include "pt.h"
#include "sysreg.h"

#define CPU_AREA_SHIFT	14
#define PSCI_CPU_ON	0xc4000003u
#define PSCI_SYSTEM_OFF 0x84000008u

extern char cpu_areas[];
extern char secondary_entry[];
/* boot.S: what mmu_on loads, in the page CPUs start in. */
extern uint64_t mmu_mair, mmu_tcr, mmu_ttbr, mmu_sctlr;
void mmu_on(void);
/* Where PSCI starts the other CPUs: secondary_entry's physical address. */
static paddr_t secondary_entry_pa;
/*
 * boot.S: copy the image page by page to `to`, then switch to the tables at
 * `ttbr`, writing nothing else in between.
 */
void hyp_copy_switch(void *const *to, uint64_t count, const void *from,
		     uint64_t ttbr);
void core_boot(void);
void core_secondary(void);

/* EL2's own translation tables: a root and a few tables for finer ranges. */
static uint64_t el2_root[PT_ENTRIES] __attribute__((aligned(4096)));
static uint64_t el2_tables[4][PT_ENTRIES] __attribute__((aligned(4096)));
static unsigned el2_tables_used;

static void *el2_table_alloc(void)
{
	if (el2_tables_used == 4)
		return NULL;
	return el2_tables[el2_tables_used++];
}

/* Where tables come from: the static ones at boot, the pool to recolor. */
static pt_alloc_t el2_alloc = el2_table_alloc;

unsigned arch_cpu_id(void)
{
	uintptr_t sp;

	__asm__("mov %0, sp" : "=r"(sp));
	return (unsigned)((sp - 1 - (uintptr_t)cpu_areas) >> CPU_AREA_SHIFT);
}

uintptr_t cpu_stack_top(void)
{
	return (uintptr_t)cpu_areas +
	       ((uintptr_t)(arch_cpu_id() + 1) << CPU_AREA_SHIFT);
}

uint64_t arch_time_us(void)
{
	return sysreg_read(cntpct_el0) * 1000000 / sysreg_read(cntfrq_el0);
}

void arch_cpu_relax(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

void arch_cpu_wake_all(void)
{
	__asm__ volatile("dsb ish; sev" ::: "memory");
}

void arch_cpu_wait(void)
{
	__asm__ volatile("dsb sy; wfi" ::: "memory");
}

uint64_t smc_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

/* QEMU's PSCI refuses MPIDR bit 31 (RES1) in a CPU_ON target: affinity only. */
int arch_cpu_start(unsigned cpu)
{
	return (int)smc_call(PSCI_CPU_ON, cpu, secondary_entry_pa, cpu);
}

noreturn void arch_system_off(void)
{
	smc_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		arch_cpu_wait();
}

/* RAM is read-write-execute for EL2, whatever the kind. */
static int el2_map_range(void *root, uint64_t va, paddr_t pa, uint64_t size,
			 enum hyp_map_kind kind)
{
	return pt_map(root, 1, va, pa, size,
		      kind == HYP_MAP_DEVICE ? PT_S1_DEVICE : PT_S1_NORMAL,
		      el2_alloc);
}

void arch_hyp_recolor(const struct frames *image, void *const *to)
{
	uint64_t *root = page_alloc_zeroed();
	uint64_t attr;

	el2_alloc = page_alloc_zeroed;
	if (!root ||
	    hyp_map_layout(platform_get_desc(), image, el2_map_range, root))
		panic("no memory for the recolored EL2 tables");
	hyp_copy_switch(to, image->pages, &hyp_image_start, hva_pa(root));
	mmu_ttbr = hva_pa(root);
	arch_cache_clean(&mmu_ttbr, sizeof(mmu_ttbr));
	BUG_ON(!pt_translate(root, 1, (uintptr_t)secondary_entry,
			     &secondary_entry_pa, &attr));
}

paddr_t arch_hyp_pa(const void *va)
{
	uint64_t pa, attr;

	BUG_ON(!pt_translate(hva(mmu_ttbr), 1, (uintptr_t)va, &pa, &attr));
	return pa;
}

/* Physical address size field (PS / PARange) capped at 40 bits (value 2). */
static uint64_t pa_size_field(void)
{
	uint64_t parange = sysreg_read(id_aa64mmfr0_el1) & 0xf;

	return parange < 2 ? parange : 2;
}

/*
 * The boot CPU, MMU still off, leaves the EL2 settings where every CPU's
 * mmu_on (boot.S) reads them; the others start with them.
 */
static void el2_mmu_enable(void)
{
	/* MAIR attr0 = Device-nGnRnE, attr1 = Normal write-back. */
	mmu_mair = 0xff00ull;
	/* T0SZ=25 (39-bit VA, start at level 1), WB walks, inner shareable. */
	mmu_tcr = 25 | (1 << 8) | (1 << 10) | (3 << 12) |
		  (pa_size_field() << 16) | (1ull << 23) | (1ull << 31);
	mmu_ttbr = hva_pa(el2_root);
	/* M, C, I; SA; RES1 bits of SCTLR_EL2 (v8.0 layout). */
	mmu_sctlr = 0x30c50838ull | 1 | (1 << 2) | (1 << 12);
	mmu_on();
}

bool arch_has_pauth;

static bool cpu_has_pauth(void)
{
	uint64_t isar1 = sysreg_read(id_aa64isar1_el1);

	/* APA [7:4], API [11:8], GPA [27:24], GPI [31:28] */
	return (isar1 & 0xff000ff0ull) != 0;
}

/* The EL2 controls every VM runs under; only VTTBR changes between VMs. */
static void el2_controls_init(void)
{
	uint64_t hcr = HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO |
		       HCR_FB | HCR_TSC | HCR_RW;

	/* Guests use pointer authentication without trapping to us. */
	arch_has_pauth = cpu_has_pauth();
	if (arch_has_pauth)
		hcr |= HCR_API | HCR_APK;
	sysreg_write(hcr_el2, hcr);
	/* 39-bit IPA from level 1, WB walks, inner shareable, 4K granule. */
	sysreg_write(vtcr_el2, 25 | (1 << 6) | (1 << 8) | (1 << 10) |
				   (3 << 12) | (pa_size_field() << 16) |
				   (1ull << 31));
	/* Guests see the physical counter; the EL1 physical timer traps. */
	sysreg_write(cnthctl_el2, 1);
	sysreg_write(cntvoff_el2, 0);
	/* No FP / SIMD / SVE traps: the hypervisor never touches them. */
	sysreg_write(cptr_el2, 0x33ff);
	sysreg_write(mdcr_el2, sysreg_read(mdcr_el2) & 0x1f);
	isb();
}

void arch_boot(unsigned cpu)
{
	if (cpu == 0) {
		console_init();
		if (hyp_map_layout(platform_get_desc(), NULL, el2_map_range,
				   el2_root))
			panic("EL2 map failed");
		secondary_entry_pa = (uintptr_t)secondary_entry;
		el2_mmu_enable();
	}
	el2_controls_init();
	gic_cpu_init(cpu == 0);
	if (cpu == 0) {
		/* Console input interrupts the boot CPU. */
		gic_spi_route(platform_console_irq(), 0);
		gic_irq_enable(platform_console_irq(), true);
		core_boot();
	} else
		core_secondary();
	core_cpu_loop();
}

void arch_cache_clean(const void *p, size_t size)
{
	/* CTR_EL0.DminLine: log2 of the smallest data cache line in words. */
	uintptr_t line = 4u << ((sysreg_read(ctr_el0) >> 16) & 0xf);
	uintptr_t a = (uintptr_t)p & ~(line - 1);

	for (; a < (uintptr_t)p + size; a += line)
		__asm__ volatile("dc cvac, %0" ::"r"(a) : "memory");
	__asm__ volatile("dsb ish; ic iallu; dsb ish; isb" ::: "memory");
}
