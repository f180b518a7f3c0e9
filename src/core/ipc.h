/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared memory between VMs and its doorbells (docs/ipc.md). A region of the
 * boot configuration is allocated once, owned by OWNER_SHARED (no single VM:
 * a VM's stop, reset or destroy never frees it) and mapped into every VM
 * that links it; HC_IPC_NOTIFY raises a linked peer's doorbell, a purely
 * virtual edge interrupt of that VM.
 */
#ifndef TESSERA_CORE_IPC_H
#define TESSERA_CORE_IPC_H

#include "hypercall.h"
#include "vm.h"

/* Allocate every shared region of the boot configuration; 0 or -1. */
int ipc_init(const struct vmdesc_header *blob);
/* Map the VM's links into its stage 2 (read-only where the link says so). */
int ipc_vm_map(struct vm *vm);
/* The VM's links, for the boot banner. */
void ipc_vm_print(const struct vm *vm);
/* The VM's link window holding `ipa`, or NULL. */
const struct vmdesc_ipc *ipc_window_at(const struct vm *vm, ipa_t ipa);
/*
 * HC_IPC_NOTIFY: raise the doorbell of `target` (a VM id, or HC_IPC_PEERS for
 * every other VM) on the caller's link number `link`; x1 = doorbells raised.
 */
struct hc_result ipc_notify(struct vcpu *caller, uint64_t link,
			    uint64_t target);

#endif
