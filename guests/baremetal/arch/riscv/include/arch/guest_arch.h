/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The RISC-V side of the test API: CPU helpers every test may use. The
 * guest runs in S-mode (VS-mode under a hypervisor) with satp = 0, and
 * reaches its firmware (OpenSBI natively, Tessera in a VM) through SBI.
 */
#ifndef ARCH_GUEST_ARCH_H
#define ARCH_GUEST_ARCH_H

#include <arch/csr.h>

/*
 * Interrupt numbers, in the shared numbering of <guest.h>: 0..15 are the
 * guest's software-generated interrupts (SGIs), all carried by the
 * supervisor software interrupt; the hart's local interrupts follow as
 * 16 + their scause code, and the PLIC's sources 32 + their number.
 */
#define ARCH_SGI_COUNT	  16
#define ARCH_LOCAL_IRQ(c) (ARCH_SGI_COUNT + (c))
#define ARCH_TIMER_IRQ	  ARCH_LOCAL_IRQ(IRQ_S_TIMER)
/*
 * PLIC source n (an interrupt number of a VM description) is interrupt
 * 32 + n, past the local ones.
 */
#define ARCH_PLIC_FIRST	   32u
#define ARCH_DEVICE_IRQ(n) (ARCH_PLIC_FIRST + (n))
/* How tests name the value of cpu_hwid_of(). */
#define CPU_HWID_NAME "hart"
/* Where the VM's RAM starts (QEMU virt's layout, which Tessera copies). */
#define ARCH_RAM_BASE 0x80000000ul
/* Where a guest image is entered (GUEST_LOAD_ADDR), and the board a VM
 * description names, with the console a child VM gets. */
#define ARCH_IMAGE_BASE	 0x80200000ul
#define ARCH_PLATFORM	 "qemu-riscv64-virt"
#define ARCH_CONSOLE	 VMDESC_CONSOLE_NS16550
#define ARCH_CONSOLE_IPA 0x10000000ul
#define ARCH_CONSOLE_IRQ 10

/* The frequency of the time CSR: QEMU virt's 10 MHz unless told otherwise. */
#ifndef GUEST_TIMEBASE_HZ
#define GUEST_TIMEBASE_HZ 10000000ul
#endif

/* The CPU index 0..n-1, kept in tp since entry (C never touches tp). */
static inline unsigned cpu_id(void)
{
	unsigned long v;

	__asm__ volatile("mv %0, tp" : "=r"(v));
	return (unsigned)v;
}

/*
 * The Zihintpause hint PAUSE, spelled as its encoding (FENCE W,0) so that
 * no -march needs it; a plain no-op on harts without the extension.
 */
static inline void cpu_relax(void)
{
	__asm__ volatile(".insn i 0x0f, 0, x0, x0, 0x010" : : : "memory");
}

/* Makes earlier stores visible to CPUs waiting in cpu_wait(). */
static inline void cpu_notify(void)
{
	__asm__ volatile("fence rw, rw" : : : "memory");
}

/* Sleeps until an interrupt enabled in sie is pending, even if masked. */
static inline void cpu_idle(void)
{
	__asm__ volatile("wfi" : : : "memory");
}

/* Waits until every earlier memory access, device ones too, completed. */
static inline void mem_sync(void)
{
	__asm__ volatile("fence iorw, iorw" : : : "memory");
}

static inline void irq_unmask(void)
{
	set_sstatus(SSTATUS_SIE);
}

static inline void irq_mask(void)
{
	clear_sstatus(SSTATUS_SIE);
}

static inline unsigned long irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("csrrc %0, sstatus, %1"
			 : "=r"(flags)
			 : "r"(SSTATUS_SIE)
			 : "memory");
	return flags & SSTATUS_SIE;
}

static inline void irq_restore(unsigned long flags)
{
	set_sstatus(flags & SSTATUS_SIE);
}

/*
 * Waits a moment for another CPU's cpu_notify(). RISC-V has no WFE: the
 * waiter spins a little, then raises its own software interrupt, which is
 * sure to come, and sleeps in WFI until it is there. Under QEMU's -icount
 * all harts run in turns on one thread, and a hart that only polls keeps
 * the others (the one it waits for) out for a whole time slice, seconds of
 * guest time; a WFI ends the hart's turn at once. The spin keeps the WFIs
 * rare without -icount: a hart making nothing but WFIs starved the timer of
 * another hart of its VM on a busy machine (it stood still for half a
 * second, in the hostile soak next to Linux; probably QEMU's global lock,
 * which its threads take at every halt).
 * Interrupts are masked across so that the software interrupt is taken
 * after the WFI (a stray one for arch_irq_ack, which clears it), never
 * before, which would leave the WFI asleep. Before irq_cpu_init() enabled
 * that interrupt, it only spins.
 */
#define CPU_WAIT_SPINS 1024
static inline void cpu_wait(void)
{
	unsigned long flags;

	for (unsigned i = 0; i < CPU_WAIT_SPINS; i++)
		cpu_relax();
	if (!(read_sie() & SIE_SSIE))
		return;
	flags = irq_save();
	set_sip(SIP_SSIP);
	cpu_idle();
	irq_restore(flags);
}

#endif
