/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bringing a hart to a known HS-mode state, and the CPU-level hooks.
 *
 * The core numbers CPUs 0..n-1 and expects CPU 0 to be the one that boots.
 * OpenSBI picks any hart to boot (a lottery), so CPU indexes are ours: CPU 0
 * is the boot hart, CPUs 1..n-1 are the other harts in ascending hart-id
 * order. A configuration's CPUS(...) therefore names CPUs, not hart ids; on
 * QEMU virt all harts are alike, so nothing depends on which is which.
 */
#include <arch/timer.h>

#include "../../core/arch.h"
#include "../../core/mem.h"
#include "../../core/platform.h"
#include "../../core/vm.h"
#include "csr.h"
#include "plic.h"
#include "pt.h"
#include "riscv.h"
#include "sbi.h"

#define CPU_AREA_SHIFT		14
#define SBI_EXT_LEGACY_SHUTDOWN 0x08

extern char cpu_areas[];
extern char secondary_entry[];
extern const char __config_start[];
/*
 * boot.S: copy the image page by page to `to`, then switch to the table in
 * `satp`, writing nothing else in between.
 */
void hyp_copy_switch(void *const *to, uint64_t count, const void *from,
		     uint64_t satp);
/* boot.S: what mmu_on loads, in the page harts start in. */
extern uint64_t mmu_satp;
void mmu_on(void);
/* Where SBI HSM starts the other harts: secondary_entry's physical address. */
static paddr_t secondary_entry_pa;
void core_boot(void);
void core_secondary(void);

uint64_t cpu_hart[MAX_CPUS];
bool has_sstc;
static bool cpu_online[MAX_CPUS];

/* The hypervisor's own Sv39 map: a root and a few tables for finer ranges. */
static uint64_t hyp_root[PT_ENTRIES] __attribute__((aligned(4096)));
static uint64_t hyp_tables[4][PT_ENTRIES] __attribute__((aligned(4096)));
static unsigned hyp_tables_used;

static void *hyp_table_alloc(void)
{
	if (hyp_tables_used == ARRAY_SIZE(hyp_tables))
		return NULL;
	return hyp_tables[hyp_tables_used++];
}

unsigned arch_cpu_id(void)
{
	uintptr_t sp;

	__asm__("mv %0, sp" : "=r"(sp));
	return (unsigned)((sp - 1 - (uintptr_t)cpu_areas) >> CPU_AREA_SHIFT);
}

uintptr_t cpu_stack_top(void)
{
	return (uintptr_t)cpu_areas +
	       ((uintptr_t)(arch_cpu_id() + 1) << CPU_AREA_SHIFT);
}

uint64_t arch_time_us(void)
{
	uint64_t now;

	__asm__ volatile("rdtime %0" : "=r"(now));
	return now / platform_timebase_hz * 1000000 +
	       now % platform_timebase_hz * 1000000 / platform_timebase_hz;
}

/* Zihintpause's PAUSE: a FENCE hint older cores execute as a no-op. */
void arch_cpu_relax(void)
{
	__asm__ volatile(".insn i 0x0f, 0, x0, x0, 0x010" ::: "memory");
}

/* There is no event to send: waiters spin on the lock word with PAUSE. */
void arch_cpu_wake_all(void)
{
	__asm__ volatile("fence rw, rw" ::: "memory");
}

/* WFI with sstatus.SIE clear: wakes on a pending interrupt, takes none. */
void arch_cpu_wait(void)
{
	__asm__ volatile("fence rw, rw; wfi" ::: "memory");
}

int arch_cpu_start(unsigned cpu)
{
	struct sbiret r = sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_START,
				    cpu_hart[cpu], secondary_entry_pa, cpu);

	return r.error ? -1 : 0;
}

void arch_ipi_send(unsigned cpu)
{
	/*
	 * A CPU not started yet looks at its work when it enters its loop. The
	 * fences pair with arch_boot's: either it sees the work, or we see it
	 * online.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&cpu_online[cpu], __ATOMIC_RELAXED))
		return;
	sbi_ecall(SBI_EXT_IPI, 0, 1, cpu_hart[cpu], 0);
}

noreturn void arch_system_off(void)
{
	sbi_ecall(SBI_EXT_SRST, 0, SBI_SRST_SHUTDOWN, 0, 0);
	/* Firmware without SRST (SBI v0.1) still has the legacy call. */
	sbi_ecall(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0);
	for (;;)
		arch_cpu_wait();
}

/*
 * RISC-V caches are coherent for data, and QEMU models none; what a hart may
 * still hold is stale instructions, which FENCE.I drops on this hart.
 * arch_vcpu_run executes one more on the hart that enters the guest.
 */
void arch_cache_clean(const void *p, size_t size)
{
	(void)p;
	(void)size;
	__asm__ volatile("fence rw, rw" ::: "memory");
	fence_i();
}

/* CPU 0 is the boot hart; the others follow in hart-id order. */
static void harts_number(uint64_t boot_hart, unsigned count)
{
	unsigned cpu = 1;

	cpu_hart[0] = boot_hart;
	for (uint64_t hart = 0; hart < count && cpu < count; hart++)
		if (hart != boot_hart)
			cpu_hart[cpu++] = hart;
}

/* Where tables come from: the static ones at boot, the pool to recolor. */
static pt_alloc_t hyp_alloc = hyp_table_alloc;

/*
 * The PMAs, not the page tables, give MMIO its ordering and uncached
 * behaviour on RISC-V (no Svpbmt here).
 */
static int hyp_map_range(void *root, uint64_t va, paddr_t pa, uint64_t size,
			 enum hyp_map_kind kind)
{
	uint64_t bits = PTE_R | PTE_W | PTE_A | PTE_D | PTE_G;

	return pt_map(root, PT_ROOT_BITS_SV39, va, pa, size,
		      kind == HYP_MAP_CODE ? bits | PTE_X : bits, hyp_alloc);
}

void arch_hyp_recolor(const struct frames *image, void *const *to)
{
	uint64_t *root = page_alloc_zeroed();
	uint64_t leaf;

	hyp_alloc = page_alloc_zeroed;
	if (!root ||
	    hyp_map_layout(platform_get_desc(), image, hyp_map_range, root))
		panic("no memory for the recolored page tables");
	hyp_copy_switch(to, image->pages, &hyp_image_start,
			SATP_MODE_SV39 | hva_pa(root) >> 12);
	mmu_satp = SATP_MODE_SV39 | hva_pa(root) >> 12;
	BUG_ON(!pt_translate(root, PT_ROOT_BITS_SV39,
			     (uintptr_t)secondary_entry, &secondary_entry_pa,
			     &leaf));
}

paddr_t arch_hyp_pa(const void *va)
{
	uint64_t pa, leaf;

	BUG_ON(!pt_translate(hva((mmu_satp & SATP_PPN_MASK) << 12),
			     PT_ROOT_BITS_SV39, (uintptr_t)va, &pa, &leaf));
	return pa;
}

/*
 * The boot hart, translation still off, leaves satp where every hart's
 * mmu_on (boot.S) reads it; the others start with it.
 */
static void hyp_mmu_enable(void)
{
	mmu_satp = SATP_MODE_SV39 | hva_pa(hyp_root) >> 12;
	mmu_on();
}

/*
 * Exceptions a guest handles itself: everything its own OS would see on
 * bare hardware. Illegal instructions included: Linux uses them (first use
 * of the vector unit, SIGILL for its programs).
 */
#define GUEST_EXCEPTIONS                                             \
	((1u << EXC_INST_MISALIGNED) | (1u << EXC_ILLEGAL_INST) |    \
	 (1u << EXC_BREAKPOINT) | (1u << EXC_LOAD_MISALIGNED) |      \
	 (1u << EXC_STORE_MISALIGNED) | (1u << EXC_ECALL_U) |        \
	 (1u << EXC_INST_PAGE_FAULT) | (1u << EXC_LOAD_PAGE_FAULT) | \
	 (1u << EXC_STORE_PAGE_FAULT))
#define GUEST_INTERRUPTS \
	(IRQ_BIT(IRQ_VS_SOFT) | IRQ_BIT(IRQ_VS_TIMER) | IRQ_BIT(IRQ_VS_EXT))

/* The HS controls every VM runs under; hgatp and the VS state are per vCPU. */
static void hs_controls_init(void)
{
	csr_write(CSR_HEDELEG, GUEST_EXCEPTIONS);
	csr_write(CSR_HIDELEG, GUEST_INTERRUPTS);
	/* Guests read cycle, time and instret directly. */
	csr_write(CSR_HCOUNTEREN, 7);
	csr_write(CSR_HGEIE, 0);
	csr_write(CSR_HVIP, 0);
	csr_write(CSR_HIE, 0);
	csr_write(CSR_HTIMEDELTA, 0);
	/* With Sstc (and the firmware's menvcfg.STCE) guests own vstimecmp. */
	has_sstc = stimecmp_readable();
	csr_write(CSR_HENVCFG, has_sstc ? HENVCFG_STCE : 0);
	/*
	 * FS=Initial: guests' floating point works (it needs both sstatus.FS
	 * and vsstatus.FS); the hypervisor is built without FP and never
	 * touches those registers; a vCPU switch (VM-stack) moves them.
	 */
	csr_clear(CSR_SSTATUS, SSTATUS_FS_MASK | SSTATUS_SIE);
	csr_set(CSR_SSTATUS, SSTATUS_FS_INITIAL);
	/* IPIs, the PLIC, and our timer (guests' without Sstc, the VM-stack).
	 */
	csr_write(CSR_SIE, IRQ_BIT(IRQ_S_SOFT) | IRQ_BIT(IRQ_S_EXT) |
			       IRQ_BIT(IRQ_S_TIMER));
	vtimer_cpu_init();
}

/* The linker places the blob from HYP_BASE; the core reserves from RAM's base.
 */
static void blob_placement_check(void)
{
	const struct platform_desc *p = platform_get_desc();

	if ((uintptr_t)__config_start != p->ram[0].base + p->hyp_reserved)
		panic("configuration blob at 0x%llx, expected 0x%llx: "
		      "HYP_RESERVED does not match hyp_reserved",
		      (unsigned long long)(uintptr_t)__config_start,
		      (unsigned long long)p->ram[0].base + p->hyp_reserved);
}

void arch_boot(unsigned cpu, uint64_t hart)
{
	const struct platform_desc *p = platform_get_desc();

	if (cpu == 0) {
		console_init();
		harts_number(hart, MIN(p->cpu_count, MAX_CPUS));
		blob_placement_check();
		if (hyp_map_layout(p, NULL, hyp_map_range, hyp_root))
			panic("hypervisor map failed");
		secondary_entry_pa = (uintptr_t)secondary_entry;
		hyp_mmu_enable();
	}
	hs_controls_init();
	plic_cpu_init(plic_context(hart));
	__atomic_store_n(&cpu_online[cpu], true, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (cpu == 0) {
		/* Console input interrupts the boot CPU. */
		plic_enable(plic_context(hart), platform_console_irq(), true);
		core_boot();
	} else {
		core_secondary();
	}
	core_cpu_loop();
}
