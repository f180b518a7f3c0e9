/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry points, in S-mode (VS-mode in a VM) with satp = 0, which the guest
 * keeps: Bare translation has none of the alignment or atomics limits Arm's
 * MMU-off state has.
 *
 * _start, at the load address: a0 = hart id, a1 = the boot argument (a
 * DTB, or what the VM description says), kept in guest_boot_arg. Only
 * the boot hart should come here; should several (firmware that releases
 * every hart), the first to arrive is CPU 0 and the others park.
 * secondary_entry, for harts started by SBI HSM hart_start: a0 = hart id,
 * a1 = the opaque value, which is the CPU index.
 *
 * tp holds the CPU index from here on; gp is unused.
 */
#include <arch/csr.h>
#include <guest/config.h>

	.section .text.boot, "ax"
	.global	_start
_start:
	csrw	sie, zero
	csrci	sstatus, SSTATUS_SIE
	la	t0, boot_claimed
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, park

	mv	s0, a0
	mv	s1, a1
	li	tp, 0
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	sd	zero, 8(t0)
	addi	t0, t0, 16
	j	1b

2:	la	t0, guest_boot_arg
	sd	s1, 0(t0)
	li	a0, 0
	call	stack_top
	mv	sp, a0
	call	set_trap_vector
	mv	a0, s0
	call	boot_main
	j	park

	.text
	.global	secondary_entry
	.type	secondary_entry, %function
	.balign	4
secondary_entry:
	csrw	sie, zero
	csrci	sstatus, SSTATUS_SIE
	li	t0, GUEST_MAX_CPUS
	bgeu	a1, t0, park
	mv	tp, a1
	mv	s0, a0
	mv	a0, a1
	call	stack_top
	mv	sp, a0
	call	set_trap_vector
	mv	a0, tp
	mv	a1, s0
	call	secondary_boot
	j	park
	.size	secondary_entry, . - secondary_entry

	.global	park
park:
	csrci	sstatus, SSTATUS_SIE
	csrw	sie, zero
1:	wfi
	j	1b

/* a0 = the top of the stack of CPU a0. A leaf: clobbers t0 only. */
	.global	stack_top
stack_top:
	la	t0, guest_stacks
	addi	a0, a0, 1
	slli	a0, a0, GUEST_STACK_SHIFT
	add	a0, a0, t0
	ret

/* Direct mode: every trap enters at trap_entry. */
set_trap_vector:
	la	t0, trap_entry
	csrw	stvec, t0
	ret

	.data
	.balign	4
/* In .data, not .bss: _start claims it before it clears .bss. */
boot_claimed:
	.word	0

	.section .stacks, "aw", %nobits
	.balign	16
	.global	guest_stacks
guest_stacks:
	.skip	GUEST_MAX_CPUS * GUEST_STACK_SIZE

	.section .note.GNU-stack, "", %progbits
