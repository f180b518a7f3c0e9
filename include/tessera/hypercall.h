/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tessera's guest-visible call interface (docs/hypercalls.md), shared by the
 * hypervisor, guests, the Linux driver and host tools.
 *
 * Arm: HVC #0 with an SMCCC fast call in the vendor-specific hypervisor
 * service range (owner 6), SMC64 convention: function id in x0, arguments in
 * x1..x5, status back in x0 and results in x1..x3.
 * RISC-V: ECALL with the SBI extension TESSERA_SBI_EXT in a7, the function
 * number in a6, arguments in a0..a5, status in a0 and results in a1..a3.
 */
#ifndef TESSERA_HYPERCALL_H
#define TESSERA_HYPERCALL_H

#define TESSERA_SMCCC_BASE 0xc6000000u /* fast, SMC64, owner 6 */
#define TESSERA_SBI_EXT	   0x0a545352u /* firmware-specific range, "TSR" */

/* Function numbers, the same on both architectures. */
enum tessera_hc {
	HC_NULL = 0,	  /* does nothing; the cost of a round trip */
	HC_VM_INFO = 1,	  /* -> x1 = own VM id, x2 = vCPU id, x3 = vCPU count */
	HC_VM_CREATE = 2, /* (desc ipa, desc size) -> x1 = child id */
	HC_VM_INVOKE = 3, /* (child id, vCPU) -> runs it until it yields */
	HC_VM_DESTROY = 4, /* (child id) */
	HC_VM_YIELD = 5,   /* back to the parent */
	HC_IPC_NOTIFY = 6, /* (link, VM id or HC_IPC_PEERS) -> x1 = rung */
	/* -> x1 = colors (a bit each), x2 = frames, x3 = contiguous runs */
	HC_MEM_REPORT = 7,
	HC_VM_MEASURE = 8,   /* (child id or HC_SELF) -> x1..x4 = SHA-256 */
	HC_HYP_STATS = 9,    /* -> x1 = free pages, x2 = VMs in use */
	HC_TEE_RESTART = 10, /* (0: the TEE on the SMC conduit) restarts the
				caller's stopped TEE from its image */
	HC_COUNT
};

/* The calling VM itself, where a call takes a VM id. */
#define HC_SELF 0xffffffffffffffffull

/* HC_IPC_NOTIFY's target: every other VM on the link. */
#define HC_IPC_PEERS 0xffffffffffffffffull

/* How an invoke ended (x1 / a1 of a successful HC_VM_INVOKE). */
enum tessera_invoke_end {
	HC_INVOKE_YIELDED = 0, /* x2 = the value the child yielded */
	HC_INVOKE_INTERRUPTED =
	    1,			/* an interrupt for the caller; invoke again */
	HC_INVOKE_STOPPED = 2,	/* the child faulted or powered off */
	HC_INVOKE_VCPU_OFF = 3, /* that vCPU of the child is off */
};

#define TESSERA_SMCCC_FN(n) (TESSERA_SMCCC_BASE | (unsigned)(n))

/*
 * Status codes: one list for every call. The negative SMCCC values keep their
 * SMCCC meaning so a generic SMCCC caller reads them right.
 */
enum tessera_status {
	HS_OK = 0,
	HS_NOT_SUPPORTED = -1, /* SMCCC_RET_NOT_SUPPORTED */
	HS_INVALID = -2,       /* a bad argument */
	HS_DENIED = -3,	       /* the caller may not do this */
	HS_NO_MEMORY = -4,     /* the hypervisor's pool is exhausted */
	HS_BUSY = -5,	       /* the object is in use (e.g. a running child) */
	HS_NOT_FOUND = -6,     /* no such VM, channel or object */
	HS_BAD_DESC = -7,      /* the VM description failed validation */
};

#endif
