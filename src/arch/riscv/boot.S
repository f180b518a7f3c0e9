/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry in HS-mode and the one trap vector.
 *
 * Each CPU (our index, not the hart id) owns one CPU_AREA_SIZE-aligned area
 * whose top is its stack; the CPU's index is derived from sp, so no register
 * is spent on it. While a guest runs, sscratch holds its vCPU (whose saved
 * registers come first); in the hypervisor sscratch is 0, which is how the
 * vector tells a guest's trap from one of our own.
 */
#define CPU_AREA_SHIFT 14
#define CPU_AREA_SIZE (1 << CPU_AREA_SHIFT)
#define CPU_COUNT 8 /* MAX_CPUS of src/core/hyp.h */

/*
 * struct arch_regs (include/arch/vcpu.h): x10..x17 (a0..a7) in slots 0..7,
 * x1..x9 in slots 9..17, x18..x31 in their own.
 */
#define REG_LO(n) (((n) + 8) * 8)  /* x1..x9 */
#define REG_ARG(n) (((n) - 10) * 8) /* x10..x17 */
#define REG_HI(n) ((n) * 8)         /* x18..x31 */
#define REGS_SEPC 256
#define REGS_SSTATUS 264
#define REGS_HSTATUS 272
#define REGS_HYP_SP 280

	.option arch, +h

	.section .text.boot, "ax"
	.global _start
/*
 * OpenSBI enters here on the boot hart: a0 = hart id, a1 = device tree.
 *
 * And, rarely, on a secondary: OpenSBI 1.1's hart_start marks the hart
 * START_PENDING before it writes the hart's start address, so a hart that
 * reaches its wait loop in between (late, on a loaded host) leaves for the
 * address it had at boot, this one, not for secondary_entry. Only the first
 * hart here boots; a later one is a started secondary, whose CPU index its
 * hart id tells (cpu_hart[], filled before any hart is started).
 */
_start:
	mv	s0, a0
	la	t0, boot_claimed
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, late_secondary
	li	s1, 0
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, cpu_setup
	sd	zero, (t0)
	addi	t0, t0, 8
	j	1b

/*
 * SBI HSM hart_start lands here: a0 = hart id, a1 = our CPU index, satp 0.
 * Once the hypervisor is recolored this page is the only one in place at
 * its physical address (the others are scattered over frames of its
 * colors), so nothing here reaches past it: translation goes on with the
 * table the boot hart left below, then the hart moves to the link address.
 */
	.global secondary_entry
secondary_entry:
	mv	s0, a0
	mv	s1, a1
	jal	mmu_on
	ld	t0, cpu_setup_address
	jr	t0

/* Translation on with mmu_satp (t0 clobbered). */
	.global mmu_on
mmu_on:
	ld	t0, mmu_satp
	sfence.vma
	csrw	satp, t0
	sfence.vma
	fence.i
	ret

	.balign	8
cpu_setup_address:
	.dword	cpu_setup
	.global mmu_satp
mmu_satp:
	.dword	0

cpu_setup:
	csrw	sie, zero
	csrw	sscratch, zero
	la	t0, trap_vector
	csrw	stvec, t0
	la	sp, cpu_areas
	addi	t0, s1, 1
	slli	t0, t0, CPU_AREA_SHIFT
	add	sp, sp, t0
	mv	a0, s1
	mv	a1, s0
	call	arch_boot
	j	.

late_secondary:
	fence	rw, rw
	la	t0, cpu_hart
	li	s1, 1
1:	li	t1, CPU_COUNT
	bgeu	s1, t1, 2f
	slli	t1, s1, 3
	add	t1, t0, t1
	ld	t1, (t1)
	beq	t1, s0, cpu_setup
	addi	s1, s1, 1
	j	1b
2:	wfi			/* a hart nobody started: it stays out */
	j	2b

/* Drop the current call chain: continue in core_cpu_loop on a fresh stack. */
	.text

/*
 * hyp_copy_switch(to, count, from, satp): page i of the image at `from` is
 * copied to the page at to[i], then satp becomes `satp`. Only registers are
 * written, so the copy holds the image (stacks included) exactly as it is
 * at the switch.
 */
	.global hyp_copy_switch
hyp_copy_switch:
1:	beqz	a1, 3f
	ld	t0, 0(a0)
	addi	a0, a0, 8
	li	t1, 4096
2:	ld	t2, 0(a2)
	ld	t3, 8(a2)
	sd	t2, 0(t0)
	sd	t3, 8(t0)
	addi	a2, a2, 16
	addi	t0, t0, 16
	addi	t1, t1, -16
	bnez	t1, 2b
	addi	a1, a1, -1
	j	1b
3:	fence	rw, rw
	sfence.vma
	csrw	satp, a3
	sfence.vma
	fence.i
	ret

	.global arch_cpu_reschedule
arch_cpu_reschedule:
	call	cpu_stack_top
	mv	sp, a0
	j	core_cpu_loop

/* Enter the vCPU in a0 on an empty stack (its hyp_sp: nothing to return to). */
	.global vcpu_enter_fresh
vcpu_enter_fresh:
	ld	sp, REGS_HYP_SP(a0)
	j	vcpu_return

	.balign 4
trap_vector:
	csrrw	sp, sscratch, sp
	beqz	sp, hyp_trap
	sd	x1, REG_LO(1)(sp)
	sd	x3, REG_LO(3)(sp)
	sd	x4, REG_LO(4)(sp)
	sd	x5, REG_LO(5)(sp)
	sd	x6, REG_LO(6)(sp)
	sd	x7, REG_LO(7)(sp)
	sd	x8, REG_LO(8)(sp)
	sd	x9, REG_LO(9)(sp)
	sd	x10, REG_ARG(10)(sp)
	sd	x11, REG_ARG(11)(sp)
	sd	x12, REG_ARG(12)(sp)
	sd	x13, REG_ARG(13)(sp)
	sd	x14, REG_ARG(14)(sp)
	sd	x15, REG_ARG(15)(sp)
	sd	x16, REG_ARG(16)(sp)
	sd	x17, REG_ARG(17)(sp)
	sd	x18, REG_HI(18)(sp)
	sd	x19, REG_HI(19)(sp)
	sd	x20, REG_HI(20)(sp)
	sd	x21, REG_HI(21)(sp)
	sd	x22, REG_HI(22)(sp)
	sd	x23, REG_HI(23)(sp)
	sd	x24, REG_HI(24)(sp)
	sd	x25, REG_HI(25)(sp)
	sd	x26, REG_HI(26)(sp)
	sd	x27, REG_HI(27)(sp)
	sd	x28, REG_HI(28)(sp)
	sd	x29, REG_HI(29)(sp)
	sd	x30, REG_HI(30)(sp)
	sd	x31, REG_HI(31)(sp)
	csrrw	t0, sscratch, zero
	sd	t0, REG_LO(2)(sp)
	/*
	 * A fault on a guest access of ours (guest_read_insn16) is a trap into
	 * HS-mode that rewrites SPV and SPP: the way back into the guest is
	 * kept here, not in the live registers.
	 */
	csrr	t0, sepc
	sd	t0, REGS_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, REGS_SSTATUS(sp)
	csrr	t0, hstatus
	sd	t0, REGS_HSTATUS(sp)
	mv	a0, sp
	ld	sp, REGS_HYP_SP(a0)
	call	trap_guest
	/* trap_guest returns the vCPU to resume, in a0. */

/* Restore the vCPU in a0 and enter it. */
	.global vcpu_return
vcpu_return:
	ld	t0, REGS_SEPC(a0)
	csrw	sepc, t0
	ld	t0, REGS_SSTATUS(a0)
	csrw	sstatus, t0
	ld	t0, REGS_HSTATUS(a0)
	csrw	hstatus, t0
	csrw	sscratch, a0
	ld	x1, REG_LO(1)(a0)
	ld	x2, REG_LO(2)(a0)
	ld	x3, REG_LO(3)(a0)
	ld	x4, REG_LO(4)(a0)
	ld	x5, REG_LO(5)(a0)
	ld	x6, REG_LO(6)(a0)
	ld	x7, REG_LO(7)(a0)
	ld	x8, REG_LO(8)(a0)
	ld	x9, REG_LO(9)(a0)
	ld	x11, REG_ARG(11)(a0)
	ld	x12, REG_ARG(12)(a0)
	ld	x13, REG_ARG(13)(a0)
	ld	x14, REG_ARG(14)(a0)
	ld	x15, REG_ARG(15)(a0)
	ld	x16, REG_ARG(16)(a0)
	ld	x17, REG_ARG(17)(a0)
	ld	x18, REG_HI(18)(a0)
	ld	x19, REG_HI(19)(a0)
	ld	x20, REG_HI(20)(a0)
	ld	x21, REG_HI(21)(a0)
	ld	x22, REG_HI(22)(a0)
	ld	x23, REG_HI(23)(a0)
	ld	x24, REG_HI(24)(a0)
	ld	x25, REG_HI(25)(a0)
	ld	x26, REG_HI(26)(a0)
	ld	x27, REG_HI(27)(a0)
	ld	x28, REG_HI(28)(a0)
	ld	x29, REG_HI(29)(a0)
	ld	x30, REG_HI(30)(a0)
	ld	x31, REG_HI(31)(a0)
	ld	x10, REG_ARG(10)(a0)
	sret

/* A trap taken in the hypervisor itself: a bug, reported and fatal. */
hyp_trap:
	csrrw	sp, sscratch, sp
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	trap_hyp
	j	.

/*
 * struct guest_read guest_read_insn16(uint64_t gva): one halfword of guest
 * code, read as the guest would fetch it (HLVX: execute permission, the
 * guest's own translation, privilege hstatus.SPVP). A fault is taken right
 * here through a temporary stvec instead of killing the hypervisor: the
 * caller gets fault = 1, and the guest whose page moved under us is stopped.
 */
	.balign 4
	.global guest_read_insn16
guest_read_insn16:
	la	t0, 1f
	csrrw	t1, stvec, t0
	li	a1, 1
	hlvx.hu	a0, (a0)
	li	a1, 0
	.balign 4
1:	csrw	stvec, t1
	ret

/*
 * bool stimecmp_readable(void): Sstc, enabled for us by the firmware
 * (menvcfg.STCE). Without it the read is an illegal instruction, taken here
 * through a temporary stvec. (QEMU 7.2 lets henvcfg.STCE be set either
 * way, so reading that back proves nothing.)
 */
	.balign 4
	.global stimecmp_readable
stimecmp_readable:
	la	t0, 1f
	csrrw	t1, stvec, t0
	li	a0, 0
	csrr	t2, 0x14d
	li	a0, 1
	.balign 4
1:	csrw	stvec, t1
	ret

	.section .bss.cpu_areas, "aw", @nobits
	.balign CPU_AREA_SIZE
	.global cpu_areas
cpu_areas:
	.space CPU_AREA_SIZE * CPU_COUNT

	/* Not in .bss: the boot hart clears that after claiming the boot. */
	.data
	.balign 4
boot_claimed:
	.word	0
