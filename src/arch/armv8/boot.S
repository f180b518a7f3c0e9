/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry at EL2 and the EL2 exception vectors.
 *
 * Each physical CPU owns one CPU_AREA_SIZE-aligned area whose top is its
 * stack; the CPU's index is derived from SP, so no register is spent on it.
 * TPIDR_EL2 points at the running vCPU, whose general registers come first.
 */
#define CPU_AREA_SHIFT 14
#define CPU_AREA_SIZE (1 << CPU_AREA_SHIFT)

	.section .text.boot, "ax"
	.global _start
_start:
	mov	x19, #0
	b	1f

/*
 * PSCI CPU_ON lands here with x0 = the CPU's index (context id), MMU off.
 * Once the hypervisor is recolored this page is the only one in place at
 * its physical address (the others are scattered over frames of its
 * colors), so nothing here reaches past it: the MMU goes on with the tables
 * the boot CPU left below, then the CPU moves to the link addresses.
 */
	.global secondary_entry
secondary_entry:
	mov	x19, x0
	msr	daifset, #0xf
	bl	mmu_on
	ldr	x1, =1f
	br	x1

/* The MMU on with the mmu_* values below (x0 clobbered). */
	.global mmu_on
mmu_on:
	ldr	x0, mmu_mair
	msr	mair_el2, x0
	ldr	x0, mmu_tcr
	msr	tcr_el2, x0
	ldr	x0, mmu_ttbr
	msr	ttbr0_el2, x0
	dsb	ish
	tlbi	alle2
	ic	iallu
	dsb	ish
	isb
	ldr	x0, mmu_sctlr
	msr	sctlr_el2, x0
	isb
	ret

	.ltorg
	.balign	8
	.global mmu_mair, mmu_tcr, mmu_ttbr, mmu_sctlr
mmu_mair:	.quad	0
mmu_tcr:	.quad	0
mmu_ttbr:	.quad	0
mmu_sctlr:	.quad	0

1:	msr	daifset, #0xf
	adrp	x1, cpu_areas
	add	x1, x1, :lo12:cpu_areas
	add	x2, x19, #1
	add	x1, x1, x2, lsl #CPU_AREA_SHIFT
	mov	sp, x1
	msr	tpidr_el2, xzr
	adrp	x1, el2_vectors
	add	x1, x1, :lo12:el2_vectors
	msr	vbar_el2, x1
	isb
	cbnz	x19, 3f
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
2:	cmp	x1, x2
	b.hs	3f
	str	xzr, [x1], #8
	b	2b
3:	mov	x0, x19
	bl	arch_boot
	b	.

/*
 * hyp_copy_switch(to, count, from, ttbr): page i of the image at `from` is
 * copied to the page at to[i], then TTBR0_EL2 becomes `ttbr`. Only
 * registers are written, so the copy holds the image (stacks included)
 * exactly as it is at the switch.
 */
	.global hyp_copy_switch
hyp_copy_switch:
1:	cbz	x1, 3f
	ldr	x4, [x0], #8
	mov	x5, #4096
2:	ldp	x6, x7, [x2], #16
	stp	x6, x7, [x4], #16
	subs	x5, x5, #16
	b.ne	2b
	sub	x1, x1, #1
	b	1b
3:	dsb	ish
	msr	ttbr0_el2, x3
	isb
	tlbi	alle2
	dsb	ish
	ic	iallu
	dsb	ish
	isb
	ret

/* Drop the current call chain: continue in core_cpu_loop on a fresh stack. */
	.global arch_cpu_reschedule
arch_cpu_reschedule:
	bl	cpu_stack_top
	mov	sp, x0
	b	core_cpu_loop

/*
 * While a guest runs, SP_EL2 points at its vCPU's saved registers (the vCPU
 * in TPIDR_EL2), and the word after x30 holds the CPU's stack top. A trap
 * first saves only what C code may clobber: the hypervisor is built with
 * x18 fixed and x9-x15 callee-saved (Makefile), so that is x0-x8, x16, x17
 * and x30. The C handler answers true when it is done on that partial
 * frame, false when it needs the whole register file (it may switch vCPUs,
 * or it names another register) and did nothing: the other registers still
 * hold the guest's values then, and are saved before the handler runs again
 * in full.
 */
#define REGS_SP 248

	.macro save_caller
	stp	x0, x1, [sp, #8 * 0]
	stp	x2, x3, [sp, #8 * 2]
	stp	x4, x5, [sp, #8 * 4]
	stp	x6, x7, [sp, #8 * 6]
	str	x8, [sp, #8 * 8]
	stp	x16, x17, [sp, #8 * 16]
	str	x30, [sp, #8 * 30]
	mov	x0, sp
	ldr	x1, [sp, #REGS_SP]
	mov	sp, x1
	.endm

	/*
	 * The rest of the register file to or from the vCPU at \base: pair
	 * is stp or ldp, one is str or ldr.
	 */
	.macro callee_regs pair, one, base
	\pair	x9, x10, [\base, #8 * 9]
	\pair	x11, x12, [\base, #8 * 11]
	\pair	x13, x14, [\base, #8 * 13]
	\one	x15, [\base, #8 * 15]
	\pair	x18, x19, [\base, #8 * 18]
	\pair	x20, x21, [\base, #8 * 20]
	\pair	x22, x23, [\base, #8 * 22]
	\pair	x24, x25, [\base, #8 * 24]
	\pair	x26, x27, [\base, #8 * 26]
	\pair	x28, x29, [\base, #8 * 28]
	.endm

	/* The whole exception path of a guest trap, inside its vector slot. */
	.macro guest_vector fast, full
	.balign 0x80
	save_caller
	bl	\fast
	mrs	x1, tpidr_el2
	cbnz	w0, vcpu_return_caller
	mov	x0, x1
	callee_regs stp, str, x0
	bl	\full
	b	vcpu_return
	.endm

	.macro hyp_vector
	.balign 0x80
	b	hyp_trap
	.endm

	.section .text.vectors, "ax"
	.balign 0x800
el2_vectors:
	.rept 8				/* current EL: a hypervisor bug */
	hyp_vector
	.endr
	/* lower EL, AArch64 */
	guest_vector trap_guest_sync, trap_guest_sync_full
	guest_vector trap_guest_irq, trap_guest_irq_full
	guest_vector trap_guest_irq, trap_guest_irq_full
	guest_vector trap_guest_serror, trap_guest_serror
	/* lower EL, AArch32: refused in C */
	guest_vector trap_guest_sync, trap_guest_sync_full
	guest_vector trap_guest_irq, trap_guest_irq_full
	guest_vector trap_guest_irq, trap_guest_irq_full
	guest_vector trap_guest_serror, trap_guest_serror

hyp_trap:
	mrs	x0, esr_el2
	mrs	x1, elr_el2
	mrs	x2, far_el2
	bl	trap_hyp
	b	.

/* Restore the whole vCPU TPIDR_EL2 points at and enter it. */
	.global vcpu_return
vcpu_return:
	mrs	x1, tpidr_el2
	callee_regs ldp, ldr, x1
/* x1: the vCPU, whose other registers are in place already. */
vcpu_return_caller:
	mov	sp, x1
	ldp	x2, x3, [sp, #8 * 2]
	ldp	x4, x5, [sp, #8 * 4]
	ldp	x6, x7, [sp, #8 * 6]
	ldr	x8, [sp, #8 * 8]
	ldp	x16, x17, [sp, #8 * 16]
	ldr	x30, [sp, #8 * 30]
	ldp	x0, x1, [sp, #8 * 0]
	eret

	.section .bss.cpu_areas, "aw", %nobits
	.balign CPU_AREA_SIZE
	.global cpu_areas
cpu_areas:
	.space CPU_AREA_SIZE * 8

	.text
/* Enter the vCPU in TPIDR_EL2 on an empty stack (nothing to return to). */
	.global vcpu_enter_fresh
vcpu_enter_fresh:
	bl	cpu_stack_top
	mrs	x1, tpidr_el2
	str	x0, [x1, #REGS_SP]
	b	vcpu_return
