/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry points: _start for CPU 0 (at the load address, x0 = the boot
 * argument, kept in guest_boot_arg), secondary_entry for CPUs started by PSCI CPU_ON (x0 = the CPU
 * index, passed as CPU_ON's context id).
 *
 * Until mmu_on has run, data accesses are Device-nGnRnE and bypass the
 * caches: this code writes nothing to memory before then, so no write can
 * end up hidden behind a stale cache line. .bss is cleared afterwards.
 */
#include <arch/mmu.h>
#include <guest/config.h>

	.section .text.boot, "ax"
	.global	_start
_start:
	msr	daifset, #0xf
	mov	x20, x0
	msr	tpidr_el1, xzr
	bl	mmu_on

	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b

2:	ldr	x1, =guest_boot_arg
	str	x20, [x1]
	mov	x0, #0
	bl	stack_top
	mov	sp, x0
	bl	set_vectors
	bl	guest_main
	b	park

	.text
	.global	secondary_entry
	.type	secondary_entry, %function
secondary_entry:
	msr	daifset, #0xf
	cmp	x0, #GUEST_MAX_CPUS
	b.hs	park
	msr	tpidr_el1, x0
	mov	x19, x0
	bl	mmu_on
	mov	x0, x19
	bl	stack_top
	mov	sp, x0
	bl	set_vectors
	mov	x0, x19
	bl	secondary_main
	b	park
	.size	secondary_entry, . - secondary_entry

park:
	msr	daifset, #0xf
1:	wfi
	b	1b

/* Identity map, caches on. A leaf: uses x0..x1 only, no stack. */
mmu_on:
	ldr	x0, =MAIR_VALUE
	msr	mair_el1, x0
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #0xf
	cmp	x1, #TCR_IPS_MAX
	mov	x0, #TCR_IPS_MAX
	csel	x1, x1, x0, ls
	ldr	x0, =TCR_VALUE
	orr	x0, x0, x1, lsl #TCR_IPS_SHIFT
	msr	tcr_el1, x0
	ldr	x0, =boot_pgtable
	msr	ttbr0_el1, x0
	isb
	/* Nothing from before us may linger in the TLBs or I-cache. */
	tlbi	vmalle1
	ic	iallu
	dsb	nsh
	isb
	ldr	x0, =SCTLR_VALUE
	msr	sctlr_el1, x0
	isb
	ret

/* x0 = the top of the stack of CPU x0. A leaf: clobbers x1 only. */
	.global	stack_top
stack_top:
	ldr	x1, =guest_stacks
	add	x0, x0, #1
	add	x0, x1, x0, lsl #GUEST_STACK_SHIFT
	ret

set_vectors:
	ldr	x0, =vectors
	msr	vbar_el1, x0
	isb
	ret

	.section .stacks, "aw", %nobits
	.balign	16
	.global	guest_stacks
guest_stacks:
	.skip	GUEST_MAX_CPUS * GUEST_STACK_SIZE

	.section .note.GNU-stack, "", %progbits
