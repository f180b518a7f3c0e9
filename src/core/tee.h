/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The per-VM TEE dispatcher (docs/tee.md): the hypervisor plays the part of
 * TF-A's OP-TEE dispatcher for each pair of a client VM and the TEE VM its
 * description names. The TEE VM has no CPU of its own: TEE vCPU i runs only
 * stacked on client vCPU i, for the length of one entry (cold boot, CPU_ON,
 * a call, a native interrupt, a PSCI notification), and leaves with one of
 * the dispatcher's return calls.
 *
 * The flow lives here, arch-neutral; the architecture supplies the
 * mechanisms declared at the end (entry registers, interrupts, the image).
 */
#ifndef TESSERA_CORE_TEE_H
#define TESSERA_CORE_TEE_H

#include "hypercall.h"
#include "vm.h"

/* The ways into a TEE vCPU (OP-TEE's vector table, and its cold boot). */
enum tee_entry {
	TEE_ENTRY_NONE,	      /* not entered */
	TEE_ENTRY_BOOT,	      /* cold boot at the image's entry point */
	TEE_ENTRY_CPU_ON,     /* a client vCPU comes up */
	TEE_ENTRY_CPU_OFF,    /* a client vCPU goes down */
	TEE_ENTRY_YIELD,      /* a yielding call */
	TEE_ENTRY_FAST,	      /* a fast call */
	TEE_ENTRY_FIQ,	      /* a native interrupt while the client ran */
	TEE_ENTRY_SYSTEM_OFF, /* the client powers off */
	TEE_ENTRY_SYSTEM_RESET,
};

/* After every VM is built: bind each TEE VM to its client (or refuse it). */
void tee_init(void);

/* A VM bound as a trusted OS (tee_init sets the mark, nothing else does). */
static inline bool tee_is_tee(const struct vm *vm)
{
	return vm && vm->is_tee;
}
/* The client a TEE VM serves, or NULL. */
struct vm *tee_client(const struct vm *tee);

/*
 * A call in the trusted-OS owner ranges (SMCCC owners 50..63) from a VM:
 * a client's call goes into its TEE, a TEE's call is a return to the
 * dispatcher. `smc`: the conduit was SMC (a client's TEE answers there).
 * Returns when the call is answered at once (x0.. set), else never.
 */
void tee_smc(struct vcpu *vcpu, uint32_t fid, bool smc);

/* A client vCPU is about to run for the first time since it was started:
 * its TEE vCPU's boot entry runs first (does not return then). */
void tee_vcpu_start(struct vcpu *vcpu);

/*
 * This CPU got an interrupt or work. True when the TEE dispatcher owns the
 * situation: a TEE vCPU is on top (a client interrupt becomes the TEE's
 * foreign interrupt; past the bound on its entry it is stopped, and then
 * this does not return), or a native interrupt of the TEE arrived while its
 * client runs (the TEE's interrupt entry runs; does not return then).
 */
bool tee_preempt_check(void);

/* The TEE vCPU on top of this CPU stopped (its VM stopped or it went off):
 * its client gets an error for whatever it had asked. */
noreturn void tee_vcpu_lost(struct vcpu *tee_vcpu);

/*
 * A client vCPU switches itself off (TEE_ENTRY_CPU_OFF) or its VM off
 * (TEE_ENTRY_SYSTEM_OFF, TEE_ENTRY_SYSTEM_RESET): the TEE's entry for it runs
 * first and the call is then made again (does not return then); returns
 * when the call may go on.
 */
void tee_power_event(struct vcpu *vcpu, enum tee_entry event);

/* A client VM stopped: its TEE has no one left to serve. */
void tee_client_stopped(struct vm *vm);
/*
 * A client VM is reset (its vCPUs are off): its TEE starts afresh from its
 * image as well, as a machine's secure world does, before the client's
 * first vCPU runs again. Called on one of the client's CPUs.
 */
void tee_client_reset(struct vm *vm);

/*
 * HC_TEE_RESTART: the caller restarts its stopped TEE (the one on
 * `conduit`) from its image; it cold-boots at the caller's next call.
 * HS_BUSY while the TEE runs, HS_NOT_FOUND without one.
 */
#define TEE_CONDUIT_SMC 0
struct hc_result tee_restart(struct vcpu *caller, uint64_t conduit);

/* An interrupt the TEE owns is pending for `tee_vcpu` (called by the
 * architecture, on the vCPU's own CPU). */
void tee_native_irq(struct vcpu *tee_vcpu);

/* ---- implemented by the architecture ---- */

/* Offset of an entry in the TEE's vector table. */
uint64_t arch_tee_vector(enum tee_entry entry);

/* Check the TEE's loaded image is one this hypervisor can run and adapt it
 * (see the architecture's notes); 0, or -1 with a log line. */
int arch_tee_image_prepare(struct vm *tee);
/* The TEE's view of the interrupt controller (as a secure world's), and its
 * client's interrupt lines it may raise. */
void arch_tee_vm_init(struct vm *tee, struct vm *client);
/*
 * Set the loaded TEE vCPU to enter at `pc` with `args` in its first
 * argument registers. `fresh`: it was just reset (boot, CPU_ON); otherwise
 * its state is the one it left with its last return call.
 */
void arch_tee_entry(struct vcpu *tee_vcpu, uint64_t pc, const uint64_t *args,
		    unsigned nargs, bool fresh);
/* Signal (or stop signalling) a foreign interrupt to the loaded TEE vCPU. */
void arch_tee_foreign_irq(struct vcpu *tee_vcpu, bool on);
/* A saved (not loaded) vCPU has an interrupt waiting that it would take at
 * once if it ran (its interrupts unmasked). */
bool arch_vcpu_irq_deliverable(struct vcpu *vcpu);
/* Where a saved vCPU would resume. */
uint64_t arch_vcpu_pc(const struct vcpu *vcpu);
/* The loaded vCPU executes its current call (SMC / HVC) again on return. */
void arch_vcpu_repeat_call(struct vcpu *vcpu);

#endif
