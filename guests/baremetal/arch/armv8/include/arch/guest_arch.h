/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Armv8-A side of the test API: CPU helpers every test may use, and the
 * PSCI calls (always through HVC: Tessera answers them, and so does QEMU's
 * built-in PSCI when the machine runs without virtualization=on).
 */
#ifndef ARCH_GUEST_ARCH_H
#define ARCH_GUEST_ARCH_H

#include <arch/sysreg.h>

/* The virtual generic timer's PPI. */
#define ARCH_TIMER_IRQ 27
/* An interrupt number of a VM description is the INTID itself. */
#define ARCH_DEVICE_IRQ(n) (n)
/* How tests name the value of cpu_hwid_of(). */
#define CPU_HWID_NAME "mpidr"
/* Where the VM's RAM starts (QEMU virt's layout, which Tessera copies). */
#define ARCH_RAM_BASE 0x40000000ul
/* Where a guest image is entered (GUEST_LOAD_ADDR), and the board a VM
 * description names, with the console a child VM gets. */
#define ARCH_IMAGE_BASE	 0x40000000ul
#define ARCH_PLATFORM	 "qemu-aarch64-virt"
#define ARCH_CONSOLE	 VMDESC_CONSOLE_PL011
#define ARCH_CONSOLE_IPA 0x09000000ul
#define ARCH_CONSOLE_IRQ 33

/* The CPU index 0..n-1, kept in TPIDR_EL1 since entry. */
static inline unsigned cpu_id(void)
{
	return (unsigned)read_tpidr();
}

/* Sleeps until an event: another CPU's cpu_notify(), an interrupt. */
static inline void cpu_wait(void)
{
	__asm__ volatile("wfe" : : : "memory");
}

/* Makes earlier stores visible, then wakes CPUs sleeping in cpu_wait(). */
static inline void cpu_notify(void)
{
	__asm__ volatile("dsb ish\n\tsev" : : : "memory");
}

/* Sleeps until an interrupt is pending, even a masked one. */
static inline void cpu_idle(void)
{
	__asm__ volatile("wfi" : : : "memory");
}

/* Waits until every earlier memory access, device ones too, completed. */
static inline void mem_sync(void)
{
	__asm__ volatile("dsb sy" : : : "memory");
}

static inline void irq_unmask(void)
{
	/* The ISB lets an already pending interrupt in right here. */
	__asm__ volatile("msr daifclr, #2\n\tisb" : : : "memory");
}

static inline void irq_mask(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

static inline unsigned long irq_save(void)
{
	unsigned long flags = read_daif();

	irq_mask();
	return flags;
}

static inline void irq_restore(unsigned long flags)
{
	write_daif(flags);
}

/* PSCI 0.2+ function ids, SMC64 where an address or affinity is passed. */
#define PSCI_VERSION	   0x84000000u
#define PSCI_CPU_OFF	   0x84000002u
#define PSCI_CPU_ON	   0xc4000003u
#define PSCI_AFFINITY_INFO 0xc4000004u
#define PSCI_SYSTEM_OFF	   0x84000008u
#define PSCI_SYSTEM_RESET  0x84000009u

#define PSCI_E_NOT_SUPPORTED  (-1)
#define PSCI_E_INVALID_PARAMS (-2)

long psci_version(void);
long psci_cpu_on(unsigned long target_mpidr, unsigned long entry,
		 unsigned long context);
long psci_cpu_off(void);
long psci_affinity_info(unsigned long target_mpidr, unsigned long level);
long psci_system_off(void);
long psci_system_reset(void);

/* MPIDR affinity of CPU index n: Aff0 = n, as both Tessera and QEMU do. */
static inline unsigned long cpu_index_to_mpidr(unsigned cpu)
{
	return cpu;
}

#endif
