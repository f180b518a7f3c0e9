/* SPDX-License-Identifier: Apache-2.0 */
/*
 * struct hc_ret smccc_hvc(id, a1, a2, a3, a4, a5)
 * struct hc_ret smccc_smc(id, a1, a2, a3, a4, a5)
 *
 * The result is 32 bytes, so the caller passes where it goes in x8. SMCCC
 * 1.0 lets the callee clobber x4..x17, x8 included: keep it on the stack.
 */
.macro	smccc_call name, insn
	.text
	.global	\name
	.type	\name, %function
\name:
	str	x8, [sp, #-16]!
	\insn	#0
	ldr	x8, [sp], #16
	stp	x0, x1, [x8]
	stp	x2, x3, [x8, #16]
	ret
	.size	\name, . - \name
.endm

	smccc_call smccc_hvc, hvc
	/* The conduit of a VM's trusted OS (docs/tee.md). */
	smccc_call smccc_smc, smc

	.section .note.GNU-stack, "", %progbits
