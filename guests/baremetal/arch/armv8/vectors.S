/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The EL1 vector table. The guest runs at EL1 on SP_EL1 and only ever
 * expects IRQs from there; every other vector reports itself and powers off
 * (exception_report), on a fresh stack in case the old one is the problem.
 */
/* IRQ frame: x0..x18, x30, ELR_EL1, SPSR_EL1. */
#define FRAME_SIZE (22 * 8)

.macro	unexpected vector
	.balign	0x80
	mov	x0, #\vector
	b	unexpected_exception
.endm

	.text
	.balign	0x800
	.global	vectors
vectors:
	unexpected 0	/* EL1t sync */
	unexpected 1	/* EL1t IRQ */
	unexpected 2	/* EL1t FIQ */
	unexpected 3	/* EL1t SError */
	unexpected 4	/* EL1h sync */
	.balign	0x80	/* EL1h IRQ */
	b	irq_entry
	unexpected 6	/* EL1h FIQ */
	unexpected 7	/* EL1h SError */
	unexpected 8	/* EL0 AArch64 */
	unexpected 9
	unexpected 10
	unexpected 11
	unexpected 12	/* EL0 AArch32 */
	unexpected 13
	unexpected 14
	unexpected 15

unexpected_exception:
	mov	x19, x0
	mrs	x0, tpidr_el1
	bl	stack_top
	mov	sp, x0
	mov	x0, x19
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	bl	exception_report
	b	.

/*
 * Saves what a C call may clobber, plus ELR/SPSR in case the handler
 * itself takes an exception; x19..x29 are preserved by the C code.
 */
irq_entry:
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x30, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #160]

	bl	irq_handle

	ldp	x0, x1, [sp, #160]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x18, x30, [sp, #144]
	ldp	x16, x17, [sp, #128]
	ldp	x14, x15, [sp, #112]
	ldp	x12, x13, [sp, #96]
	ldp	x10, x11, [sp, #80]
	ldp	x8, x9, [sp, #64]
	ldp	x6, x7, [sp, #48]
	ldp	x4, x5, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret

	.section .note.GNU-stack, "", %progbits
