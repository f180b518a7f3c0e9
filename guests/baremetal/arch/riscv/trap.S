/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The supervisor trap vector. The guest only ever expects interrupts;
 * any exception reports itself and powers off (exception_report), on a
 * fresh stack in case the old one is the problem. ECALLs go to the firmware
 * or hypervisor, never here.
 */
#include <arch/csr.h>

/* Interrupt frame: ra, t0..t6, a0..a7, sepc, sstatus (18 slots, 16-aligned). */
#define FRAME_SIZE (18 * 8)

	.text
	.global	trap_entry
	.balign	4
trap_entry:
	addi	sp, sp, -FRAME_SIZE
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	t3, 32(sp)
	sd	t4, 40(sp)
	sd	t5, 48(sp)
	sd	t6, 56(sp)
	sd	a0, 64(sp)
	sd	a1, 72(sp)
	sd	a2, 80(sp)
	sd	a3, 88(sp)
	sd	a4, 96(sp)
	sd	a5, 104(sp)
	sd	a6, 112(sp)
	sd	a7, 120(sp)

	csrr	t0, scause
	bgez	t0, exception

	/* In case the handler itself takes an exception. */
	csrr	t0, sepc
	csrr	t1, sstatus
	sd	t0, 128(sp)
	sd	t1, 136(sp)

	call	irq_handle

	ld	t0, 128(sp)
	ld	t1, 136(sp)
	csrw	sepc, t0
	csrw	sstatus, t1
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	t3, 32(sp)
	ld	t4, 40(sp)
	ld	t5, 48(sp)
	ld	t6, 56(sp)
	ld	a0, 64(sp)
	ld	a1, 72(sp)
	ld	a2, 80(sp)
	ld	a3, 88(sp)
	ld	a4, 96(sp)
	ld	a5, 104(sp)
	ld	a6, 112(sp)
	ld	a7, 120(sp)
	addi	sp, sp, FRAME_SIZE
	sret

exception:
	mv	a0, tp
	call	stack_top
	mv	sp, a0
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	exception_report
	j	park

	.section .note.GNU-stack, "", %progbits
